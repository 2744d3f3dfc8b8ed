package io.durobs.engine.store;

/** The outcome of enqueueing a client message (event or cancel) for an instance. */
public enum EnqueueResult {
  /** Enqueued for the running instance. */
  ENQUEUED,
  /** Not enqueued: the instance has ended. */
  TERMINAL,
  /** Not enqueued: no such instance. */
  NOT_FOUND
}
