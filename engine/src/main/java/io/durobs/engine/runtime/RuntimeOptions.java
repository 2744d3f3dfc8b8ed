package io.durobs.engine.runtime;

import java.time.Duration;

/**
 * The tuning of a {@link DurableRuntime}; see the builder methods for meanings and defaults.
 */
record RuntimeOptions(
    int orchestrationConcurrency,
    int workerConcurrency,
    Duration orchestrationLockTimeout,
    Duration workerLockTimeout,
    int maxAttempts,
    Duration minPollInterval,
    Duration maxPollInterval,
    Duration gaugeRefreshInterval,
    Duration retryDelay,
    Duration shutdownGrace,
    int historyCacheSize,
    long historyCacheBytes,
    PayloadLimit payloadLimit,
    boolean haltOnFatalError,
    Duration continuationHold,
    Duration chainBudget) {}
