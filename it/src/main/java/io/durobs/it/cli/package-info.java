/**
 * The harness' command-line program: {@link io.durobs.it.cli.ValidateDashboards}
 * ({@code validate-dashboards}) checks any Grafana dashboard JSON against a running Prometheus and
 * can write the report of {@code io.durobs.it.report}. Its options are parsed by picocli and run
 * through {@code io.durobs.toolkit.cli.CommandLines}, which gives every program of the project the
 * same {@code --help}, exit codes (0, 1, 2) and one-line errors.
 */
package io.durobs.it.cli;
