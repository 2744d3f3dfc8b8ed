/**
 * A small client of Prometheus' HTTP API for the harness: instant and range queries, series and
 * label values, rule and alert states, with errors as {@link io.durobs.it.prometheus.PrometheusException};
 * {@link io.durobs.it.prometheus.HttpEndpoint} holds what it shares with the Loki client (credentials
 * in the URL sent but never shown, one-line reasons for a missing answer).
 */
package io.durobs.it.prometheus;
