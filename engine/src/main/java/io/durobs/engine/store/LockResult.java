package io.durobs.engine.store;

/** The outcome of acking or renewing a worker item. */
public enum LockResult {
  /** Done: the caller still held the lock. */
  OK,
  /**
   * The item no longer exists: its result was consumed, or its instance ended or was cancelled
   * (lock stolen by deletion). A row a step reused for its instance's next item (the same id,
   * another task) is not this item.
   */
  GONE,
  /** The item exists under another lock: this caller's lock expired and another took it. */
  LOCK_LOST
}
