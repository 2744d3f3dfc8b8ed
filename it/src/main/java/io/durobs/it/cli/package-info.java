/**
 * The harness' command-line programs, each a class with {@code run(args, out, err) -> exit code}
 * (what a wrapping command calls) and a {@code main}: {@link io.durobs.it.cli.ValidateDashboards}
 * ({@code validate-dashboards}) checks any Grafana dashboard JSON against a running Prometheus
 * (and Loki targets against exported log records) and can write the report of
 * {@code io.durobs.it.report}; {@link io.durobs.it.cli.LintFiles} ({@code lint}) runs the
 * project's static checks on any dashboard or rule file, offline. Its options are parsed by picocli and run
 * through {@code io.durobs.toolkit.cli.CommandLines}, which gives every program of the project the
 * same {@code --help}, exit codes (0, 1, 2) and one-line errors.
 */
package io.durobs.it.cli;
