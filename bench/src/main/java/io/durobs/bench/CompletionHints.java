package io.durobs.bench;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How the closed loop learns promptly that an orchestration completed, the same way for both
 * engines: the orchestration's code tells this class in memory when it has run its last step
 * (before the engine commits the completion), and the client then reads the engine's status
 * until the completion is visible, 1 ms apart. Waiting through the engines' own result calls
 * instead would measure their client-side polling (durobs' {@code waitForCompletion} backs off to
 * 100 ms, DBOS' result of a queued workflow is read once a second), not the engines. A status
 * read once a second covers an instance whose hint was lost (a turn replayed elsewhere).
 */
final class CompletionHints {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private final ConcurrentHashMap<String, CompletableFuture<Void>> hints = new ConcurrentHashMap<>();

  /** Called by the orchestration's code after its last step. */
  void lastStepDone(String id) {
    hints.computeIfAbsent(id, k -> new CompletableFuture<>()).complete(null);
  }

  /**
   * Starts {@code id} with {@code start} and returns once {@code completed} says it has
   * (which throws when it ended otherwise).
   */
  void startAndAwait(String engine, String id, Callable<?> start, Callable<Boolean> completed)
      throws Exception {
    CompletableFuture<Void> hint = hints.computeIfAbsent(id, k -> new CompletableFuture<>());
    try {
      start.call();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (true) {
        try {
          hint.get(1, TimeUnit.SECONDS);
          break;
        } catch (TimeoutException e) {
          if (completed.call() || System.nanoTime() > deadline) {
            break;
          }
        }
      }
      while (!completed.call()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(engine + ": " + id + " not completed after " + TIMEOUT);
        }
        Thread.sleep(1);
      }
    } finally {
      hints.remove(id);
    }
  }
}
