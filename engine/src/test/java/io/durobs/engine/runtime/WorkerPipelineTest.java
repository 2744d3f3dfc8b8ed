package io.durobs.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.engine.api.DurableClient;
import io.durobs.engine.api.Registry;
import io.durobs.engine.store.WorkItem;
import io.durobs.engine.testing.EngineTestBase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * With work queued, a worker slot fetches its next item while an activity runs and starts it as
 * soon as that activity ends, committing the ended one's ack meanwhile: no commit between two
 * activities of a slot. Every activity still runs once and every result arrives.
 */
class WorkerPipelineTest extends EngineTestBase {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void aSlotWithQueuedWorkHoldsTheNextItemWhileItsActivityRuns() throws Exception {
    CountDownLatch firstRunning = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    CountDownLatch restRunning = new CountDownLatch(1);
    CountDownLatch releaseRest = new CountDownLatch(1);
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    Registry registry = Registry.builder()
        .activity("echo", ctx -> {
          String in = ctx.input(String.class);
          runs.computeIfAbsent(in, k -> new AtomicInteger()).incrementAndGet();
          boolean first = in.equals("one");
          (first ? firstRunning : restRunning).countDown();
          (first ? releaseFirst : releaseRest).await(WAIT.toSeconds(), TimeUnit.SECONDS);
          return in;
        })
        .orchestration("echo", ctx -> ctx.callActivity("echo", ctx.input(String.class),
            String.class).await())
        .build();
    // one worker slot, so that the others' activities queue behind the first
    DurableClient client = start(registry, b -> b.workerConcurrency(1)
        .continuationHold(Duration.ZERO)).client();
    client.startOrchestration("echo", "e-one", "one");
    assertThat(firstRunning.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    for (String id : new String[] {"two", "three", "four"}) {
      client.startOrchestration("echo", "e-" + id, id);
    }
    awaitTrue(() -> queryLong("SELECT count(*) FROM durobs.worker_queue") == 4, WAIT,
        "all four activities scheduled");
    releaseFirst.countDown();
    assertThat(restRunning.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    // the ack of "one" found work queued: the slot fetched one more while this one runs
    awaitTrue(() -> queryLong("SELECT count(*) FROM durobs.worker_queue"
        + " WHERE lock_token IS NOT NULL") == 2, WAIT, "the running item and one fetched ahead");
    releaseRest.countDown();

    for (String id : new String[] {"one", "two", "three", "four"}) {
      assertThat(client.waitForCompletion("e-" + id, WAIT).outputJson())
          .isEqualTo("\"" + id + "\"");
    }
    assertThat(runs).hasSize(4).allSatisfy((k, v) -> assertThat(v.get()).as(k).isEqualTo(1));
    assertThat(queryLong("SELECT count(*) FROM durobs.worker_queue")).isZero();
  }

  /**
   * Behind an activity longer than the worker lock, the slot keeps the lock of every item it
   * holds besides the one it runs: the one it fetched ahead, and the one its previous ack fetched
   * (which waits in that ack's result until the slot takes it). Another worker cannot fetch them
   * meanwhile (each such fetch would be one more delivery toward the poison limit, and the slot's
   * own copy would run again or be lost). The first activity holds the slot until five more are
   * queued; whichever way its ack and the next fetches race, the third to start (the long one)
   * then runs with the item after it fetched by the second's ack on the acker thread. (Which
   * instances those are depends on the order their turns ran in.)
   */
  @Test
  void itemsFetchedAheadKeepTheirLocksBehindAnActivityLongerThanTheLock() throws Exception {
    Duration lock = Duration.ofSeconds(1);
    AtomicInteger started = new AtomicInteger();
    CountDownLatch firstRunning = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    CountDownLatch longRunning = new CountDownLatch(1);
    CountDownLatch releaseLong = new CountDownLatch(1);
    Registry registry = Registry.builder()
        .activity("echo", ctx -> {
          int n = started.incrementAndGet();
          if (n == 1) {
            firstRunning.countDown();
            releaseFirst.await(WAIT.toSeconds(), TimeUnit.SECONDS);
          } else if (n == 3) {
            longRunning.countDown();
            releaseLong.await(WAIT.toSeconds(), TimeUnit.SECONDS);
          }
          return ctx.input(String.class);
        })
        .orchestration("echo", ctx -> ctx.callActivity("echo", ctx.input(String.class),
            String.class).await())
        .build();
    DurableClient client = start(registry, b -> b.workerConcurrency(1)
        .continuationHold(Duration.ZERO).workerLockTimeout(lock)).client();
    client.startOrchestration("echo", "e-zero", "zero");
    assertThat(firstRunning.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    String[] rest = {"one", "two", "three", "four", "five"};
    for (String id : rest) {
      client.startOrchestration("echo", "e-" + id, id);
    }
    awaitTrue(() -> queryLong("SELECT count(*) FROM durobs.worker_queue") == 6, WAIT,
        "all six activities scheduled");
    releaseFirst.countDown();
    assertThat(longRunning.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    Thread.sleep(lock.multipliedBy(3).toMillis()); // the long one runs on, three times its lock
    // another worker finds the item the slot holds still locked (of four left, the long one
    // runs and one is held), and only items nobody held before
    List<WorkItem> found = store.fetchWorkItems(5, WAIT);
    assertThat(found).as("items another worker can fetch").hasSize(2);
    assertThat(found).allSatisfy(w -> assertThat(w.attemptCount()).as(w.instanceId())
        .isEqualTo(1));
    found.forEach(w -> store.abandonWorkItem(w, Duration.ZERO));
    releaseLong.countDown();

    client.waitForCompletion("e-zero", WAIT);
    for (String id : rest) {
      assertThat(client.waitForCompletion("e-" + id, WAIT).outputJson())
          .isEqualTo("\"" + id + "\"");
    }
  }
}
