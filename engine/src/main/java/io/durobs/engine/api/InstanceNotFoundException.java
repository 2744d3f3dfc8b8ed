package io.durobs.engine.api;

/** A client call named an instance that does not exist. */
public class InstanceNotFoundException extends DurableException {

  private final String instanceId;

  /** A rejection for {@code instanceId}. */
  public InstanceNotFoundException(String instanceId) {
    super("orchestration instance '" + instanceId + "' does not exist");
    this.instanceId = instanceId;
  }

  /** The instance id that was not found. */
  public String instanceId() {
    return instanceId;
  }
}
