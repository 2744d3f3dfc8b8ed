package io.durobs.engine.store;

/** The outcome of acking or renewing a worker item. */
public enum LockResult {
  /** Done: the caller still held the lock. */
  OK,
  /** The item no longer exists: its instance ended or was cancelled (lock stolen by deletion). */
  GONE,
  /** The item exists under another lock: this caller's lock expired and another took it. */
  LOCK_LOST
}
