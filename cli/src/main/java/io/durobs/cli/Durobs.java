package io.durobs.cli;

import io.durobs.cli.stack.StackCommand;
import io.durobs.toolkit.cli.CommandLines;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code durobs} command: one entry point for what a user of this project runs by hand.
 *
 * <pre>
 * durobs render [--check]          render generated/ (or report drift) and print the coverage summary
 * durobs lint [--dashboard F]...   the static checks on dashboards and rule files
 * durobs validate [options]        every panel against a Prometheus (default: the local stack's)
 * durobs stack up|down|status|logs the local stack as background processes on 127.0.0.1
 * durobs demo                      the sample app and the catalogue workload until every panel has data
 * durobs migrate --database-url U  create or upgrade the engine's schema (as its owner)
 * durobs bench [--quick|--smoke]   the engine against pgbench and DBOS Transact on its own PostgreSQL
 * </pre>
 *
 * <p>Exit codes everywhere: 0 done, 1 the command ran and found problems (or failed), 2 bad input
 * with one line saying what and where. Results go to stdout, progress and errors to stderr. The
 * checkout is found from {@code -Ddurobs.root} (the {@code ./durobs} launcher sets it) or the
 * working directory.
 */
@Command(name = "durobs", sortOptions = false,
    description = "Observability as code for the durable engine: render, check and run it.",
    subcommands = {RenderCommand.class, LintCommand.class, ValidateCommand.class,
        StackCommand.class, DemoCommand.class, BenchCommand.class,
        MigrateCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:problems found, or the command failed", "2:bad input"})
public final class Durobs implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private CommandLines.Help help;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the command line.
   *
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return CommandLines.execute(new Durobs(), args, out, err);
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "no command given (render, lint, validate,"
        + " stack, demo, bench, migrate)");
  }
}
