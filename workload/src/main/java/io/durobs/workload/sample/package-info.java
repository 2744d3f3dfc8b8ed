/** The Toygres-like sample application that the telemetry and harness work drive. */
package io.durobs.workload.sample;
