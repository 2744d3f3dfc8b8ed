/**
 * A small client of Prometheus' HTTP API for the harness: instant and range queries, series and
 * label values, rule and alert states, with errors as {@link io.durobs.it.prometheus.PrometheusException}.
 */
package io.durobs.it.prometheus;
