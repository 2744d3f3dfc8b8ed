package io.durobs.engine.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.durobs.engine.api.DurableClient;
import io.durobs.engine.api.OrchestrationState;
import io.durobs.engine.api.Registry;
import io.durobs.engine.runtime.DurableRuntime;
import io.durobs.engine.testing.TestEngines;
import io.durobs.testing.postgres.LocalPostgres;
import io.durobs.testing.telemetry.LogCapture;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A database outage under load, on a PostgreSQL server of this test's own (stopped and started
 * again on the same directory and port): what the engine logs, and what its client does.
 */
class OutageTest {

  private static Path dir;
  private static int port;
  private static LocalPostgres server;

  @BeforeAll
  static void startServer() throws IOException {
    dir = Files.createTempDirectory("durobs-outage-");
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    server = LocalPostgres.start(dir, port);
  }

  @AfterAll
  static void stopServer() {
    LocalPostgres.stop(dir);
  }

  private static PostgresStore.Builder storeBuilder() {
    return PostgresStore.builder().jdbcUrl(server.jdbcUrl("postgres"))
        .user(LocalPostgres.SUPERUSER).password("pw-never-logged").maxPoolSize(12)
        .connectTimeout(Duration.ofSeconds(1));
  }

  private static Registry registry() {
    return Registry.builder()
        .orchestration("work", ctx -> ctx.callActivity("step", ctx.input(Integer.class),
            Integer.class).await())
        .activity("step", ctx -> ctx.input(Integer.class) + 1)
        .build();
  }

  @Test
  void anOutageUnderLoadLogsOneLinePerStateChangeAndNoStackTrace() throws Exception {
    String target = "127.0.0.1:" + port + "/postgres (user postgres)";
    ListAppender<ILoggingEvent> logs;
    List<String> ids = new ArrayList<>();
    try (PostgresStore store = storeBuilder().build();
        DurableRuntime runtime = TestEngines.runtime(store, registry()).build().start()) {
      DurableClient client = runtime.client();
      for (int i = 0; i < 20; i++) {
        ids.add(client.startOrchestration("work", "before-" + i, i));
      }
      logs = LogCapture.attach();
      try {
        server.stop();
        // under load: the dispatchers keep polling, the gauges keep refreshing
        TimeUnit.SECONDS.sleep(4);
        server = LocalPostgres.start(dir, port);
        for (int i = 0; i < 20; i++) {
          ids.add(client.startOrchestration("work", "after-" + i, i));
        }
        for (String id : ids) {
          assertThat(client.waitForCompletion(id, Duration.ofSeconds(60)).state())
              .isEqualTo(OrchestrationState.COMPLETED);
        }
      } finally {
        LogCapture.detach(logs);
      }
    }
    List<String> unreachable = LogCapture.messages(logs, "io.durobs.engine.store")
        .stream().filter(m -> m.startsWith("database unreachable")).toList();
    List<String> reachable = LogCapture.messages(logs, "io.durobs.engine.store")
        .stream().filter(m -> m.startsWith("database reachable again")).toList();
    assertThat(unreachable).singleElement().asString()
        .startsWith("database unreachable: " + target + ": ");
    assertThat(reachable).singleElement().asString()
        .startsWith("database reachable again: " + target + " after ");
    assertThat(logs.list).noneMatch(e -> e.getThrowableProxy() != null);
    // no line per failed call: the two above say it all
    assertThat(logs.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN)
        && e.getFormattedMessage().contains("(connection, SQLSTATE"));
    assertThat(logs.list).noneMatch(e -> e.getLoggerName().startsWith("com.zaxxer.hikari")
        && e.getLevel().isGreaterOrEqual(Level.WARN));
    assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains("pw-never-logged"));
  }

  @Test
  void aClientCallDuringAShortOutageSucceedsOnARetry() throws Exception {
    try (PostgresStore store = storeBuilder().build();
        DurableRuntime runtime = TestEngines.runtime(store, registry()).build().start()) {
      DurableClient client = runtime.client();
      server.stop();
      // the server comes back within the default retry budget (5 s of backoff)
      CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> {
        sleep(1500);
        server = LocalPostgres.start(dir, port);
      });
      long start = System.nanoTime();
      client.startOrchestration("work", "during-outage", 41);
      assertThat(restart).isDone();
      assertThat(System.nanoTime() - start).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(1500));
      assertThat(client.waitForCompletion("during-outage", Duration.ofSeconds(60)).output(
          Integer.class)).isEqualTo(42);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
