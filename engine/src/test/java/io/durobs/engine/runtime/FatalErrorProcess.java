package io.durobs.engine.runtime;

import io.durobs.engine.api.Registry;
import io.durobs.engine.store.postgres.PostgresStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An engine in its own small-heap JVM whose activity allocates until the JVM throws a real
 * {@link OutOfMemoryError}, for {@link FatalErrorTest}. Arguments: JDBC URL, user, password
 * ({@code -} for none), {@code halt} or {@code stop}.
 *
 * <p>With {@code halt} the runtime halts the JVM itself (the test sees its exit status). With
 * {@code stop} this program waits for the runtime to report the error, then for the engine's
 * dispatcher threads to end, and prints {@code STOPPED} with the error, or {@code STILL RUNNING}
 * with the live threads (exit 1).
 */
public final class FatalErrorProcess {

  private FatalErrorProcess() {}

  public static void main(String[] args) throws Exception {
    boolean halt = args[3].equals("halt");
    Registry registry = Registry.builder()
        .activity("hog", ctx -> {
          List<long[]> hog = new ArrayList<>();
          while (true) {
            hog.add(new long[1 << 20]); // 8 MB at a time, until the heap is exhausted
          }
        })
        .orchestration("hog", ctx -> ctx.callActivity("hog", null, String.class).await())
        .build();
    PostgresStore store = PostgresStore.builder().jdbcUrl(args[0]).user(args[1])
        .password(args[2].equals("-") ? "" : args[2]).maxPoolSize(4).build();
    DurableRuntime rt = DurableRuntime.builder().store(store).registry(registry)
        .pollInterval(Duration.ofMillis(2), Duration.ofMillis(25))
        .shutdownGrace(Duration.ofSeconds(2))
        .haltOnFatalError(halt)
        .build().start();
    rt.client().startOrchestration("hog", "hog-1", null);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (rt.fatalError().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    if (rt.fatalError().isEmpty()) {
      System.out.println("NO FATAL ERROR REPORTED");
      System.exit(1);
    }
    List<String> alive = List.of();
    while (System.nanoTime() < deadline) {
      alive = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
          .filter(n -> n.startsWith("durobs-orchestration") || n.startsWith("durobs-worker"))
          .sorted().toList();
      if (alive.isEmpty()) {
        System.out.println("STOPPED " + rt.fatalError().get().getClass().getName());
        System.exit(0);
      }
      Thread.sleep(20);
    }
    System.out.println("STILL RUNNING " + alive);
    System.exit(1);
  }
}
