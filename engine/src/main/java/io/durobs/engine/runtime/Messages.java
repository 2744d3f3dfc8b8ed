package io.durobs.engine.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.durobs.engine.api.JsonCodec;
import java.util.List;

/**
 * The orchestrator-queue message kinds and the JSON of messages, history events and worker
 * items. Messages that become history carry a {@link HistoryEvent} as payload; the two control
 * messages ({@value #EXECUTION_STARTED}, {@value #CANCEL_REQUESTED}) have their own records.
 */
final class Messages {

  static final String EXECUTION_STARTED = "ExecutionStarted";
  static final String CANCEL_REQUESTED = "CancelRequested";

  private Messages() {}

  /** Starts execution {@code executionId}, with events carried over by continue-as-new. */
  record StartExecution(long executionId, List<HistoryEvent.EventRaised> carriedEvents) {}

  /** The payload of the message that starts a new instance's first execution. */
  static String firstExecutionStart() {
    return encode(new StartExecution(1, List.of()));
  }

  /** A client asked to cancel the instance. */
  record CancelRequest(String reason) {}

  /** An activity invocation on the worker queue. */
  record ActivityRequest(String name, String input, int retryAttempt, Long timeoutMillis,
      String orchestrationName, String orchestrationVersion) {}

  static String encode(Object value) {
    try {
      return JsonCodec.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }

  static String encodeEvent(HistoryEvent event) {
    try {
      return JsonCodec.mapper().writerFor(HistoryEvent.class).writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + event.typeName(), e);
    }
  }

  static HistoryEvent decodeEvent(String json) {
    try {
      return JsonCodec.mapper().readValue(json, HistoryEvent.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed history event: " + e.getOriginalMessage(), e);
    }
  }

  static <T> T decode(String json, Class<T> type) {
    try {
      return JsonCodec.mapper().readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed " + type.getSimpleName() + ": "
          + e.getOriginalMessage(), e);
    }
  }
}
