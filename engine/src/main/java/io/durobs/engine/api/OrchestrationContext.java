package io.durobs.engine.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;

/**
 * What orchestration code may use. Every method is deterministic under replay: the same code
 * over the same history makes the same calls and sees the same results. Scheduling calls record
 * an intent and return a {@link DurableTask}; the work starts when the turn commits.
 */
public interface OrchestrationContext {

  /** This instance's id. */
  String instanceId();

  /** The current execution (1, then +1 per continue-as-new). */
  long executionId();

  /** The orchestration name. */
  String name();

  /** The orchestration version this execution runs. */
  String version();

  /** The input decoded to {@code type}. */
  <T> T input(Class<T> type);

  /** The input JSON. */
  String inputJson();

  /** The deterministic current time: when the turn being replayed started (database clock). */
  Instant currentTime();

  /** A deterministic UUID: the same on every replay of the same point. */
  UUID newUuid();

  /** True while the code re-runs history it already produced. */
  boolean isReplaying();

  /**
   * A logger that drops records while replaying, so each event is logged once. Records carry
   * the MDC keys {@code instance_id}, {@code execution_id} and {@code orchestration_name}.
   */
  Logger logger();

  /** Schedules an activity once (no retry). */
  <T> DurableTask<T> callActivity(String name, Object input, Class<T> resultType);

  /**
   * Schedules an activity under a retry policy: failed or timed-out attempts are retried after
   * the policy's backoff (a durable timer) until the attempts run out.
   */
  <T> DurableTask<T> callActivity(String name, Object input, Class<T> resultType,
      RetryPolicy retryPolicy);

  /** A durable timer that fires {@code delay} after {@link #currentTime()}. */
  DurableTask<Void> createTimer(Duration delay);

  /**
   * The next external event {@code name} raised on this instance. Events raised before the wait
   * are buffered, and matched in the order they arrived.
   */
  <T> DurableTask<T> waitForEvent(String name, Class<T> type);

  /**
   * The next external event {@code name}, or empty when {@code timeout} passes first (a timer
   * raced against the event; on timeout the wait is withdrawn, so a later event stays buffered).
   */
  <T> DurableTask<Optional<T>> waitForEvent(String name, Class<T> type, Duration timeout);

  /** Starts a sub-orchestration (latest version, generated instance id) and awaits its output. */
  <T> DurableTask<T> callSubOrchestration(String name, Object input, Class<T> resultType);

  /**
   * Starts a sub-orchestration.
   *
   * @param version the version, or {@code null} for the latest registered
   * @param instanceId the child's id, or {@code null} for one derived from this instance
   */
  <T> DurableTask<T> callSubOrchestration(String name, String version, String instanceId,
      Object input, Class<T> resultType);

  /**
   * Starts an independent (detached) orchestration; this instance neither waits for it nor
   * hears from it. Nothing happens if {@code instanceId} already exists.
   */
  void startOrchestration(String name, String instanceId, Object input);

  /**
   * Ends this execution and starts a fresh one of the same instance with {@code input} and an
   * empty history. Events raised and not yet consumed are carried over. Does not return.
   */
  void continueAsNew(Object input);

  /** Done when all are done: their results in order, or the first failure in list order. */
  <T> DurableTask<List<T>> allOf(List<? extends DurableTask<T>> tasks);

  /** Done when the first of them is done; the result is that task (the winner). */
  DurableTask<DurableTask<?>> anyOf(List<? extends DurableTask<?>> tasks);

  /** Varargs form of {@link #anyOf(List)}. */
  default DurableTask<DurableTask<?>> anyOf(DurableTask<?>... tasks) {
    return anyOf(List.of(tasks));
  }
}
