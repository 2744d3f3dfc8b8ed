package io.durobs.engine.runtime;

import io.durobs.engine.api.DurableClient;
import io.durobs.engine.api.Registry;
import io.durobs.engine.store.postgres.PostgresStore;
import io.durobs.testing.postgres.TestDatabase;
import io.durobs.testing.postgres.TestPostgres;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;

/**
 * Measures the heap that waiting instances with large inputs hold, for the README's numbers (not
 * a test): starts {@code N} instances that wait for an event, each with an input of {@code KB}
 * thousand characters, waits until every one has run its first turn, collects garbage and prints
 * the heap in use and what the history cache holds. Arguments: N, KB, the cache's byte bound
 * (or {@code unbounded}, the behaviour before the bound). Run, after {@code mvn -o -q -pl engine
 * -am test-compile} and {@code mvn -o -q -pl engine dependency:build-classpath
 * -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}:
 *
 * <pre>{@code
 * java -Xmx512m -cp engine/target/test-classes:engine/target/classes:testing/target/classes:$(cat engine/cp.txt) \
 *     io.durobs.engine.runtime.HistoryCacheHeapProbe 1500 200 67108864
 * }</pre>
 */
public final class HistoryCacheHeapProbe {

  private HistoryCacheHeapProbe() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    String input = "y".repeat(Integer.parseInt(args[1]) * 1000);
    long cacheBytes = args[2].equals("unbounded") ? Long.MAX_VALUE : Long.parseLong(args[2]);
    TestDatabase db = TestPostgres.freshDatabase();
    PostgresStore store = PostgresStore.builder().jdbcUrl(db.jdbcUrl()).user(db.user())
        .password(db.password()).maxPoolSize(8).build();
    Registry registry = Registry.builder().event("go")
        .orchestration("wait", ctx -> ctx.waitForEvent("go", String.class).await()).build();
    long t0 = System.nanoTime();
    try (DurableRuntime rt = DurableRuntime.builder().store(store).registry(registry)
        .historyCacheBytes(cacheBytes).build().start()) {
      DurableClient client = rt.client();
      for (int i = 0; i < n; i++) {
        client.startOrchestration("wait", "w" + i, input);
      }
      while (true) {
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
            "SELECT count(*) FROM durobs.instances WHERE history_length > 0")) {
          rs.next();
          if (rs.getLong(1) == n) {
            break;
          }
        }
        Thread.sleep(200);
      }
      rt.awaitWorkInProgress(Duration.ofSeconds(30));
      for (int i = 0; i < 3; i++) {
        System.gc();
        Thread.sleep(200);
      }
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      System.out.printf("instances=%d inputKB=%d cacheBound=%s cached=%d estimate=%.1f MB heapUsedAfterGC=%.1f MB elapsed=%.1f s%n",
          n, Integer.parseInt(args[1]), args[2], rt.historyCache().size(),
          rt.historyCache().estimatedBytes() / 1e6, used / 1e6, (System.nanoTime() - t0) / 1e9);
    }
    store.close();
    System.exit(0);
  }
}
