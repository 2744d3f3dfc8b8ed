package io.durobs.engine.api;

import java.time.Duration;

/** {@link DurableClient#waitForCompletion} gave up before the instance reached a terminal state. */
public class WaitTimeoutException extends DurableException {

  private final transient OrchestrationStatus lastStatus;

  /** A timeout after {@code timeout}, with the last status read. */
  public WaitTimeoutException(String instanceId, Duration timeout, OrchestrationStatus lastStatus) {
    super("orchestration instance '" + instanceId + "' did not finish within " + timeout
        + " (state " + lastStatus.state() + ")");
    this.lastStatus = lastStatus;
  }

  /** The status read last, before giving up. */
  public OrchestrationStatus lastStatus() {
    return lastStatus;
  }
}
