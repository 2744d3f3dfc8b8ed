package io.durobs.engine.api;

/** A client start used an instance id that already exists (in any state). */
public class InstanceAlreadyExistsException extends DurableException {

  private final String instanceId;

  /** A rejection for {@code instanceId}. */
  public InstanceAlreadyExistsException(String instanceId) {
    super("orchestration instance '" + instanceId + "' already exists");
    this.instanceId = instanceId;
  }

  /** The instance id that was taken. */
  public String instanceId() {
    return instanceId;
  }
}
