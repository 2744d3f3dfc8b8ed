package io.durobs.cli.stack;

import io.durobs.engine.store.postgres.DatabaseUrl;
import io.durobs.toolkit.cli.CommandLines;
import io.durobs.toolkit.tools.Checkout;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code durobs stack up|down|status|logs}: the local stack that stays up between commands. With a
 * Docker engine ({@code --mode docker}, or {@code auto} when {@code docker info} answers) it is the
 * generated Compose file; otherwise the servers as local processes ({@link LocalProcessStack}).
 */
@Command(name = "stack", description = "The local stack (PostgreSQL, collector, Prometheus, "
    + "Alertmanager) that stays up between commands.",
    subcommands = {StackCommand.Up.class, StackCommand.Down.class, StackCommand.Status.class,
        StackCommand.Logs.class})
public final class StackCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private CommandLines.Help help;

  @Option(names = "--run-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "the run folder (default: $DUROBS_RUN_DIR, else .durobs/stack in the checkout)")
  Path runDir;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "no stack command given (up, down, status,"
        + " logs)");
  }

  Path runFolder() {
    return RunFolder.resolve(runDir);
  }

  /** {@code durobs stack up}. */
  @Command(name = "up", description = "Start the stack in the background and wait until every "
      + "server is ready; prints every URL. Does nothing when it already runs; replaces a stale "
      + "run folder.", exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:running", "1:a server did not start (what had started is stopped)",
          "2:bad arguments, or --mode docker without Docker"})
  static final class Up implements Callable<Integer> {
    @ParentCommand private StackCommand parent;
    @Spec private CommandSpec spec;
    @Mixin private CommandLines.Help help;

    @Option(names = "--mode", paramLabel = "MODE", description = "auto (docker when a Docker "
        + "engine answers, else local), local or docker (default: ${DEFAULT-VALUE})")
    private String mode = "auto";

    @Option(names = "--free-ports", description = "local mode: free loopback ports instead of "
        + "the standard ones (9090, 9093, 4317, 4318, 5432, ...)")
    private boolean freePorts;

    @Option(names = "--database-url", paramLabel = "URL", defaultValue = "${env:DATABASE_URL}",
        description = "use this PostgreSQL server instead of starting the embedded one: "
            + "jdbc:postgresql://host:port/db?user=..&password=.. or postgres://user:pass@host:port/db "
            + "(default: $DATABASE_URL; local mode only). The password is not stored: 'demo' needs "
            + "the URL again.")
    private String databaseUrl;

    @Override
    public Integer call() {
      if (!List.of("auto", "local", "docker").contains(mode)) {
        throw new ParameterException(spec.commandLine(), "--mode must be auto, local or docker,"
            + " not '" + mode + "'");
      }
      Optional<DatabaseUrl> database;
      try {
        database = Databases.given(databaseUrl);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--database-url: " + e.getMessage());
      }
      if (database.isPresent() && mode.equals("docker")) {
        throw new ParameterException(spec.commandLine(), "--database-url applies to the local "
            + "mode only (the Compose stack runs its own PostgreSQL)");
      }
      PrintWriter out = spec.commandLine().getOut();
      java.io.PrintStream err = progress(spec);
      Path dir = parent.runFolder();
      Optional<StackState> existing = StackState.read(dir);
      if (existing.isPresent() && "local".equals(existing.get().mode())
          && LocalProcessStack.allHealthy(existing.get())) {
        err.println("durobs: the stack already runs (" + dir + ")");
        printUrls(out, existing.get());
        return CommandLines.OK;
      }
      Path root = Checkout.root();
      if (existing.isPresent() || Files.exists(dir)) {
        err.println("durobs: cleaning the stale run folder " + dir);
        if (existing.isPresent()) {
          stopStale(root, dir, existing.get(), err);
        } else {
          new LocalProcessStack(root, dir, err).cleanOrphans();
        }
      }
      // a given database means local processes: the Compose file brings its own server
      boolean docker = mode.equals("docker")
          || (mode.equals("auto") && database.isEmpty() && DockerStack.available());
      if (mode.equals("docker") && !DockerStack.available()) {
        spec.commandLine().getErr().println("stack up: --mode docker, but no Docker engine "
            + "answers 'docker info' (use --mode local)");
        return CommandLines.BAD_INPUT;
      }
      try {
        java.nio.file.Files.createDirectories(dir);
        StackState state = docker ? new DockerStack(root, err).up()
            : new LocalProcessStack(root, dir, err).up(freePorts, database);
        state.write(dir);
        printUrls(out, state);
        return CommandLines.OK;
      } catch (StackException | java.io.IOException e) {
        spec.commandLine().getErr().println("stack up: " + e.getMessage());
        return CommandLines.FAILED;
      }
    }
  }

  private static void stopStale(Path root, Path dir, StackState s, java.io.PrintStream err) {
    try {
      stop(root, dir, s, err);
    } catch (StackException e) {
      err.println("durobs: " + e.getMessage());
    }
  }

  /** Stops what {@code s} records and removes the run folder. */
  private static void stop(Path root, Path dir, StackState s, java.io.PrintStream err) {
    if ("docker".equals(s.mode())) {
      new DockerStack(root, err).down();
      LocalProcessStack.deleteTree(dir);
    } else {
      new LocalProcessStack(root, dir, err).down(s);
    }
  }

  private static void printUrls(PrintWriter out, StackState state) {
    for (StackState.Service s : state.services()) {
      out.printf("%-13s %s%n", s.name(), s.url());
    }
    out.printf("%-13s %s%n", "OTLP/HTTP", state.otlpEndpoint());
    out.printf("%-13s %s (user %s, %s)%n", "database", state.databaseUrl(),
        state.databaseUser(), state.externalDatabase() ? "the password you gave"
            : "no password");
    out.flush();
  }

  /** {@code durobs stack down}. */
  @Command(name = "down", description = "Stop every server that 'stack up' started (nothing "
      + "else) and remove the run folder; does nothing when no stack runs.",
      exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:stopped, or nothing to stop",
          "1:docker compose down failed"})
  static final class Down implements Callable<Integer> {
    @ParentCommand private StackCommand parent;
    @Spec private CommandSpec spec;
    @Mixin private CommandLines.Help help;

    @Override
    public Integer call() {
      Path dir = parent.runFolder();
      java.io.PrintStream err = progress(spec);
      Optional<StackState> state = StackState.read(dir);
      if (state.isEmpty()) {
        if (Files.exists(dir)) {
          err.println("durobs: no readable state in " + dir + "; stopping what runs from it");
          new LocalProcessStack(Checkout.root(), dir, err).cleanOrphans();
        }
        err.println("durobs: no stack runs from " + dir);
        return CommandLines.OK;
      }
      try {
        stop(Checkout.root(), dir, state.get(), err);
        err.println("durobs: the stack is down");
        return CommandLines.OK;
      } catch (StackException e) {
        spec.commandLine().getErr().println("stack down: " + e.getMessage());
        return CommandLines.FAILED;
      }
    }
  }

  /** {@code durobs stack status}. */
  @Command(name = "status", description = "Each server's state (healthy, unhealthy, stopped) "
      + "and URL.", exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:every server is healthy", "1:no stack, or a server is not healthy"})
  static final class Status implements Callable<Integer> {
    @ParentCommand private StackCommand parent;
    @Spec private CommandSpec spec;
    @Mixin private CommandLines.Help help;

    @Override
    public Integer call() {
      Path dir = parent.runFolder();
      PrintWriter out = spec.commandLine().getOut();
      Optional<StackState> state = StackState.read(dir);
      if (state.isEmpty()) {
        out.println("no stack runs from " + dir + " (start one with 'durobs stack up')");
        out.flush();
        return CommandLines.FAILED;
      }
      if ("docker".equals(state.get().mode())) {
        new DockerStack(Checkout.root(), progress(spec)).status();
      }
      List<String> lines = LocalProcessStack.statusLines(state.get());
      lines.forEach(out::println);
      out.flush();
      return lines.stream().allMatch(l -> l.contains(" healthy ")) ? CommandLines.OK
          : CommandLines.FAILED;
    }
  }

  /** {@code durobs stack logs}. */
  @Command(name = "logs", description = "The last lines of each server's log (local mode).",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:printed", "1:no stack runs", "2:unknown server"})
  static final class Logs implements Callable<Integer> {
    @ParentCommand private StackCommand parent;
    @Spec private CommandSpec spec;
    @Mixin private CommandLines.Help help;

    @Parameters(arity = "0..1", paramLabel = "SERVER",
        description = "only this server (postgres, collector, alertmanager, prometheus)")
    private String server;

    @Option(names = {"-n", "--lines"}, paramLabel = "N",
        description = "how many lines per server (default: ${DEFAULT-VALUE})")
    private int lines = 20;

    @Override
    public Integer call() {
      Path dir = parent.runFolder();
      PrintWriter out = spec.commandLine().getOut();
      Optional<StackState> state = StackState.read(dir);
      if (state.isEmpty() || "docker".equals(state.get().mode())) {
        spec.commandLine().getErr().println("stack logs: " + (state.isEmpty()
            ? "no stack runs from " + dir : "docker mode: use 'docker compose -p durobs logs'"));
        return CommandLines.FAILED;
      }
      List<StackState.Service> services = state.get().services().stream()
          .filter(s -> server == null || s.name().equals(server)).toList();
      if (services.isEmpty()) {
        throw new ParameterException(spec.commandLine(), "no server '" + server + "' (postgres,"
            + " collector, alertmanager, prometheus)");
      }
      for (StackState.Service s : services) {
        out.println("==> " + s.name() + ": " + s.log() + " <==");
        out.println(LocalProcessStack.tail(Path.of(s.log()), lines));
      }
      out.flush();
      return CommandLines.OK;
    }
  }

  /** Progress goes to the command line's error writer. */
  static java.io.PrintStream progress(CommandSpec spec) {
    return io.durobs.cli.Streams.err(spec);
  }
}
