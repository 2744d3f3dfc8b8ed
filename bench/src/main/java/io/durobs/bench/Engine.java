package io.durobs.bench;

/**
 * An engine under test, running one {@link Shape} and reporting its steps to a
 * {@link StepClock}. Thread-safe: {@link ClosedLoop} calls {@link #runOne} from every slot.
 */
interface Engine extends AutoCloseable {

  /**
   * Starts orchestration {@code id} and returns once the engine has durably completed it.
   *
   * @throws Exception when it failed or did not complete
   */
  void runOne(String id) throws Exception;

  @Override
  void close();
}
