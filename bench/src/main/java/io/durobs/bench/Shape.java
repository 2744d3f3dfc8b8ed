package io.durobs.bench;

/**
 * The workload's shape: an orchestration that calls {@code steps} activities one after another,
 * each of which sleeps {@code activityMillis} (0: returns at once).
 *
 * @param steps sequential activities per orchestration
 * @param activityMillis how long each activity works
 */
public record Shape(int steps, int activityMillis) {

  /** The no-op workload: 5 sequential activities that return at once. */
  public static final Shape NO_OP = new Shape(5, 0);

  /** duroxide's published shape: 5 sequential activities of 10 ms. */
  public static final Shape DUROXIDE = new Shape(5, 10);

  /** What an activity does: its pretend work. */
  void work() throws InterruptedException {
    if (activityMillis > 0) {
      Thread.sleep(activityMillis);
    }
  }
}
