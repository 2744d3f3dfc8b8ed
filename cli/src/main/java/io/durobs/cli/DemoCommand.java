package io.durobs.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import io.durobs.cli.stack.Databases;
import io.durobs.cli.stack.RunFolder;
import io.durobs.cli.stack.StackState;
import io.durobs.engine.store.postgres.DatabaseUrl;
import io.durobs.engine.telemetry.Telemetry;
import io.durobs.it.cli.ValidateDashboards;
import io.durobs.toolkit.cli.CommandLines;
import io.durobs.toolkit.promql.PromDuration;
import io.durobs.toolkit.tools.Readiness;
import io.durobs.workload.CatalogueWorkload;
import io.durobs.workload.Phases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code durobs demo}: the whole loop against the running stack. The Toygres-like sample app
 * ({@link ToygresDemo}, in a process of its own, so it is a second engine instance) and the
 * catalogue workload (every engine path, store faults included, then steady healthy traffic) export
 * their telemetry to the stack's collector every second; the dashboards of {@code generated/} are
 * checked against the stack's Prometheus every few seconds, with the count of panels with data on
 * stderr, until every panel has data or {@code --timeout} passes; then the validate summary.
 */
@Command(name = "demo", description = "Run the sample app and the catalogue workload against the "
    + "running stack until every dashboard panel has data (progress on stderr), then print the "
    + "validate summary. Start the stack first: 'durobs stack up'.",
    exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:every panel has data",
        "1:some panel is still empty at --timeout, or the workload failed",
        "2:no stack runs, or bad arguments"})
final class DemoCommand implements Callable<Integer> {

  private static final Duration POLL = Duration.ofSeconds(5);

  @Spec private CommandSpec spec;
  @Mixin private CommandLines.Help help;

  @Option(names = "--timeout", paramLabel = "DURATION", description = "how long to wait for every "
      + "panel to have data, e.g. 5m (default: ${DEFAULT-VALUE})")
  private String timeout = "5m";

  @Option(names = "--run-dir", paramLabel = "DIR",
      description = "the stack's run folder (default: as 'durobs stack')")
  private Path runDir;

  @Option(names = "--database-url", paramLabel = "URL", defaultValue = "${env:DATABASE_URL}",
      description = "the PostgreSQL server the engines use instead of the stack's: "
          + "jdbc:postgresql://... or postgres://user:pass@host:port/db (default: $DATABASE_URL, "
          + "else the stack's own server; required when the stack was started with one). The "
          + "sample app uses a database 'toygres' beside it, created when missing.")
  private String databaseUrl;

  @Override
  public Integer call() throws Exception {
    PrintStream err = Streams.err(spec);
    Duration limit = PromDuration.parse(timeout);
    Optional<StackState> found = StackState.read(RunFolder.resolve(runDir));
    if (found.isEmpty()) {
      err.println("demo: no stack runs (start one with 'durobs stack up')");
      return CommandLines.BAD_INPUT;
    }
    StackState stack = found.get();
    DatabaseUrl database;
    try {
      database = database(stack);
    } catch (IllegalArgumentException e) {
      err.println("demo: " + e.getMessage());
      return CommandLines.BAD_INPUT;
    }
    quietConsole();
    long deadline = System.nanoTime() + limit.toNanos();
    Map<String, String> otel = new LinkedHashMap<>();
    otel.put("otel.exporter.otlp.protocol", "http/protobuf");
    otel.put("otel.exporter.otlp.endpoint", stack.otlpEndpoint());
    otel.put("otel.metric.export.interval", "1000");
    otel.put("otel.blrp.schedule.delay", "500");
    Process toygres = ToygresDemo.launch(toygresDatabase(database), otel, err);
    try (Telemetry telemetry = Telemetry.builder().settings(otel).build();
        CatalogueWorkload workload = CatalogueWorkload.builder().databaseUrl(database.jdbcUrl())
            .user(database.user()).password(database.password())
            .openTelemetry(telemetry.openTelemetry()).start()) {
      err.println("demo: catalogue workload: every engine path, store faults included");
      workload.run(Phases.paths(), Phases.storeFaults());
      err.println("demo: steady healthy traffic; checking the dashboards every "
          + POLL.toSeconds() + " s until every panel has data");
      CatalogueWorkload.Background healthy = workload.runInBackground(Phases.healthy(limit));
      try {
        while (true) {
          Check c = check(stack, true);
          err.println("demo: " + c.summary());
          if (c.code() == CommandLines.OK || System.nanoTime() > deadline) {
            break;
          }
          Readiness.pause(POLL.toMillis());
        }
      } finally {
        healthy.stop();
        telemetry.flush(Duration.ofSeconds(10));
      }
    } finally {
      ToygresDemo.stop(toygres);
    }
    Check last = check(stack, false);
    PrintStream out = Streams.out(spec);
    out.print(last.output());
    out.flush();
    return last.code();
  }

  /** One validate run over generated/'s dashboards against the stack. */
  private record Check(int code, String output) {
    String summary() {
      List<String> lines = output.lines().toList();
      return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
    }
  }

  private static Check check(StackState stack, boolean quiet) {
    List<String> args = new ArrayList<>(ValidateCommand.withDefaults(List.of(), Optional.of(stack)));
    if (quiet) {
      args.add("--quiet");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ValidateDashboards.run(args.toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    if (code == CommandLines.BAD_INPUT) {
      text += err.toString(StandardCharsets.UTF_8);
    }
    return new Check(code, text);
  }

  /**
   * The engine logs every orchestration step at INFO to the console and to OTLP; the demo keeps
   * the OTLP records (the log panels read them) but shows only warnings on the terminal, where
   * its progress lines go.
   */
  private static void quietConsole() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      Appender<ILoggingEvent> console = context.getLogger(Logger.ROOT_LOGGER_NAME)
          .getAppender("console");
      if (console != null) {
        ThresholdFilter warn = new ThresholdFilter();
        warn.setLevel("WARN");
        warn.start();
        console.addFilter(warn);
      }
    }
  }

  /**
   * The database the engines use: {@code --database-url} (or {@code DATABASE_URL}) when given,
   * else the stack's own server, whose login has no password.
   *
   * @throws IllegalArgumentException for a malformed URL, or none where the stack was started
   *     with a server of the user's (its password is not stored)
   */
  private DatabaseUrl database(StackState stack) {
    Optional<DatabaseUrl> given = Databases.given(databaseUrl);
    if (given.isPresent()) {
      return given.get();
    }
    if (stack.externalDatabase()) {
      throw new IllegalArgumentException("the stack uses the database " + stack.databaseUrl()
          + ", whose password is not stored: pass --database-url or set DATABASE_URL");
    }
    return new DatabaseUrl(stack.databaseUrl(), stack.databaseUser(), "");
  }

  /**
   * The sample app's own database on the same server (created when missing): two engines with
   * different registries must not share one store, or each would fetch the other's work.
   */
  private static DatabaseUrl toygresDatabase(DatabaseUrl engine) throws SQLException {
    try (Connection c = Databases.connect(engine); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + ToygresDemo.DATABASE);
    } catch (SQLException e) {
      if (!"42P04".equals(e.getSQLState())) { // duplicate_database: an earlier demo
        throw new SQLException("cannot create the sample app's database '" + ToygresDemo.DATABASE
            + "' on " + engine.display() + " (the login needs CREATEDB, or create it beforehand): "
            + e.getMessage(), e.getSQLState(), e);
      }
    }
    return new DatabaseUrl(Databases.sibling(engine.jdbcUrl(), ToygresDemo.DATABASE),
        engine.user(), engine.password());
  }
}
