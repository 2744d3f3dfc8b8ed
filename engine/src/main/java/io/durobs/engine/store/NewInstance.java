package io.durobs.engine.store;

import java.util.Objects;

/**
 * An instance to create together with the message that starts its first execution. Built with
 * {@link #builder}; the parent fields are set together ({@link Builder#parent}) or not at all.
 *
 * <pre>{@code
 * NewInstance child = NewInstance.builder("order-7:1:3", "ship", "1")
 *     .input("{\"order\":7}")
 *     .initiatedBy("suborchestration")
 *     .startPayload(startMessageJson)
 *     .parent("order-7", 1, 3, "order")
 *     .onConflict(failureNoticeToParent)
 *     .build();
 * }</pre>
 */
public final class NewInstance {

  private final String instanceId;
  private final String name;
  private final String version;
  private final String input;
  private final String initiatedBy;
  private final String startPayload;
  private final String parentInstanceId;
  private final Long parentExecutionId;
  private final Integer parentTaskId;
  private final String parentOrchestration;
  private final OutboundMessage onConflict;

  private NewInstance(Builder b) {
    this.instanceId = b.instanceId;
    this.name = b.name;
    this.version = b.version;
    this.input = b.input;
    this.initiatedBy = b.initiatedBy;
    this.startPayload = b.startPayload;
    this.parentInstanceId = b.parentInstanceId;
    this.parentExecutionId = b.parentExecutionId;
    this.parentTaskId = b.parentTaskId;
    this.parentOrchestration = b.parentOrchestration;
    this.onConflict = b.onConflict;
  }

  /** A builder for instance {@code instanceId} of orchestration {@code name} at {@code version}. */
  public static Builder builder(String instanceId, String name, String version) {
    return new Builder(instanceId, name, version);
  }

  /** The instance id (unique). */
  public String instanceId() {
    return instanceId;
  }

  /** The orchestration name. */
  public String name() {
    return name;
  }

  /** The orchestration version. */
  public String version() {
    return version;
  }

  /** The input JSON. */
  public String input() {
    return input;
  }

  /** How it started: client, suborchestration or detached. */
  public String initiatedBy() {
    return initiatedBy;
  }

  /** The payload of the message that starts its first execution. */
  public String startPayload() {
    return startPayload;
  }

  /** The parent of a sub-orchestration, else {@code null}. */
  public String parentInstanceId() {
    return parentInstanceId;
  }

  /** The parent's execution that scheduled it, else {@code null}. */
  public Long parentExecutionId() {
    return parentExecutionId;
  }

  /** The parent's task id for the call, else {@code null}. */
  public Integer parentTaskId() {
    return parentTaskId;
  }

  /** The parent's orchestration name, else {@code null}. */
  public String parentOrchestration() {
    return parentOrchestration;
  }

  /**
   * A message to enqueue instead when the id is taken (the failure notice a parent gets for a
   * sub-orchestration it could not start), or {@code null}.
   */
  public OutboundMessage onConflict() {
    return onConflict;
  }

  @Override
  public String toString() {
    return "NewInstance[" + instanceId + " " + name + "@" + version + " by " + initiatedBy
        + (parentInstanceId == null ? "" : " of " + parentInstanceId + "/" + parentExecutionId
            + " task " + parentTaskId)
        + "]";
  }

  /** Builds a {@link NewInstance}; input, initiator and start payload are required. */
  public static final class Builder {
    private final String instanceId;
    private final String name;
    private final String version;
    private String input;
    private String initiatedBy;
    private String startPayload;
    private String parentInstanceId;
    private Long parentExecutionId;
    private Integer parentTaskId;
    private String parentOrchestration;
    private OutboundMessage onConflict;

    private Builder(String instanceId, String name, String version) {
      this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
      this.name = Objects.requireNonNull(name, "name");
      this.version = Objects.requireNonNull(version, "version");
    }

    /** The input JSON (required). */
    public Builder input(String inputJson) {
      this.input = Objects.requireNonNull(inputJson, "input");
      return this;
    }

    /** How it starts: client, suborchestration or detached (required). */
    public Builder initiatedBy(String initiatedBy) {
      this.initiatedBy = Objects.requireNonNull(initiatedBy, "initiatedBy");
      return this;
    }

    /** The payload of the message that starts its first execution (required). */
    public Builder startPayload(String startPayload) {
      this.startPayload = Objects.requireNonNull(startPayload, "startPayload");
      return this;
    }

    /** Makes it a sub-orchestration of task {@code taskId} of a parent's execution. */
    public Builder parent(String instanceId, long executionId, int taskId, String orchestration) {
      this.parentInstanceId = Objects.requireNonNull(instanceId, "parent instanceId");
      this.parentOrchestration = Objects.requireNonNull(orchestration, "parent orchestration");
      this.parentExecutionId = executionId;
      this.parentTaskId = taskId;
      return this;
    }

    /** What to enqueue instead of creating it when the id is taken; default nothing. */
    public Builder onConflict(OutboundMessage message) {
      this.onConflict = Objects.requireNonNull(message, "onConflict");
      return this;
    }

    /**
     * The instance.
     *
     * @throws IllegalStateException when a required field was not set
     */
    public NewInstance build() {
      require(input, "input");
      require(initiatedBy, "initiatedBy");
      require(startPayload, "startPayload");
      return new NewInstance(this);
    }

    private void require(Object value, String field) {
      if (value == null) {
        throw new IllegalStateException("new instance " + instanceId + ": " + field
            + " is not set");
      }
    }
  }
}
