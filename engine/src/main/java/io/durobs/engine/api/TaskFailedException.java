package io.durobs.engine.api;

/**
 * Thrown inside orchestration code by {@link DurableTask#await()} when the activity or
 * sub-orchestration behind the task failed (after its retry policy was exhausted). Orchestration
 * code may catch it to compensate; uncaught, it fails the orchestration as an application error.
 */
public class TaskFailedException extends DurableException {

  private final String taskName;
  private final transient FailureDetails details;

  /** A failure of the task {@code taskName}. */
  public TaskFailedException(String taskName, FailureDetails details) {
    super("task '" + taskName + "' failed: " + details);
    this.taskName = taskName;
    this.details = details;
  }

  /** The activity or sub-orchestration name. */
  public String taskName() {
    return taskName;
  }

  /** Why it failed. */
  public FailureDetails details() {
    return details;
  }
}
