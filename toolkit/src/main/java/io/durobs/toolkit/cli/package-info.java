/**
 * How this project's command-line programs behave, written once for all of them
 * ({@code validate-dashboards}, {@code RenderAll}, {@code CatalogueWorkloadMain}): picocli parses
 * the options and prints {@code --help}; {@link io.durobs.toolkit.cli.CommandLines} runs a command
 * with exit code 0 (done), 1 (findings or failures, as the command returns) and 2 (bad input), and
 * reports bad input as one line naming what was wrong plus a hint to {@code --help};
 * {@link io.durobs.toolkit.cli.Converter} turns a parse function's {@link IllegalArgumentException}
 * into picocli's "Invalid value for option" line.
 */
package io.durobs.toolkit.cli;
