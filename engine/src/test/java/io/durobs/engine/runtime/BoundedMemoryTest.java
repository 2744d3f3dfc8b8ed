package io.durobs.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durobs.engine.api.DurableClient;
import io.durobs.engine.api.FailureType;
import io.durobs.engine.api.InvalidInputException;
import io.durobs.engine.api.OrchestrationState;
import io.durobs.engine.api.OrchestrationStatus;
import io.durobs.engine.api.Registry;
import io.durobs.engine.api.StartRequest;
import io.durobs.engine.api.TaskFailedException;
import io.durobs.engine.testing.EngineTestBase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Memory bounded by configuration, not by input: the payload limit (checked before anything is
 * written, or failing the orchestration or activity that produced the payload) and the history
 * cache's byte bound.
 */
class BoundedMemoryTest extends EngineTestBase {

  private static final Duration WAIT = Duration.ofSeconds(30);
  /** Over the default limit of 256 KiB by a margin, as the 200 KB inputs were near it. */
  private static final String LARGE = "x".repeat(300 * 1024);

  private static Registry registry() {
    return Registry.builder()
        .event("go")
        .activity("big-result", ctx -> LARGE)
        .activity("echo", ctx -> ctx.inputJson().length())
        .orchestration("wait", ctx -> ctx.waitForEvent("go", String.class).await().length())
        .orchestration("big-output", ctx -> LARGE)
        .orchestration("big-activity-input", ctx ->
            ctx.callActivity("echo", LARGE, Integer.class).await())
        .orchestration("big-activity-result", ctx -> {
          try {
            return ctx.callActivity("big-result", null, String.class).await();
          } catch (TaskFailedException e) {
            return "failed: " + e.details().message();
          }
        })
        .build();
  }

  @Test
  void clientCallsOverTheDefaultLimitAreRejectedBeforeAnythingIsWritten() {
    DurableClient client = start(registry()).client();
    String json = "\"" + LARGE + "\"";
    int bytes = json.length();

    assertThatThrownBy(() -> client.startOrchestration(StartRequest.builder("wait")
        .instanceId("too-big").inputJson(json).build()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("input of orchestration 'wait' is " + bytes + " bytes of UTF-8; the limit is"
            + " 262144 bytes (DurableRuntime.Builder.maxPayloadBytes)");
    assertThat(queryLong("SELECT count(*) FROM durobs.instances")).isZero();

    client.startOrchestration("wait", "small", "x");
    long messagesBefore = queryLong("SELECT count(*) FROM durobs.orchestrator_queue");
    assertThatThrownBy(() -> client.raiseEvent("small", "go", LARGE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("payload of event 'go' is " + bytes + " bytes of UTF-8");
    assertThatThrownBy(() -> client.cancel("small", LARGE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("cancel reason is " + LARGE.length() + " bytes of UTF-8");
    assertThat(queryLong("SELECT count(*) FROM durobs.orchestrator_queue"))
        .isLessThanOrEqualTo(messagesBefore);

    client.raiseEvent("small", "go", "ok");
    assertThat(client.waitForCompletion("small", WAIT).output(Integer.class)).isEqualTo(2);
  }

  @Test
  void theLimitCountsUtf8BytesAndIsConfigurable() {
    DurableClient client = start(registry(), b -> b.maxPayloadBytes(10)).client();
    // "ää" as JSON is 6 bytes of UTF-8 (4 characters): within 10; "äääää" is 12: over
    client.startOrchestration("wait", "fits", "ää");
    assertThatThrownBy(() -> client.startOrchestration("wait", "over", "äääää"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("is 12 bytes of UTF-8; the limit is 10 bytes");
  }

  @Test
  void anOrchestrationOutputOverTheLimitFailsItAsAConfigurationError() {
    DurableClient client = start(registry()).client();
    client.startOrchestration("big-output", "out", null);

    OrchestrationStatus status = client.waitForCompletion("out", WAIT);
    assertThat(status.state()).isEqualTo(OrchestrationState.FAILED);
    assertThat(status.failure().type()).isEqualTo(FailureType.CONFIGURATION);
    assertThat(status.failure().kind()).isEqualTo("payload_too_large");
    assertThat(status.failure().message()).startsWith("output of orchestration 'big-output' is "
        + (LARGE.length() + 2) + " bytes of UTF-8; the limit is 262144 bytes");
    assertThat(queryLong("SELECT count(*) FROM durobs.instances WHERE output IS NOT NULL"))
        .isZero();
  }

  @Test
  void anActivityInputOverTheLimitFailsTheOrchestrationWithoutSchedulingIt() {
    DurableClient client = start(registry()).client();
    client.startOrchestration("big-activity-input", "in", null);

    OrchestrationStatus status = client.waitForCompletion("in", WAIT);
    assertThat(status.state()).isEqualTo(OrchestrationState.FAILED);
    assertThat(status.failure().kind()).isEqualTo("payload_too_large");
    assertThat(status.failure().message()).startsWith("input of activity 'echo' called by"
        + " orchestration 'big-activity-input' is");
    assertThat(historyTypes("in", 1)).doesNotContain("ActivityScheduled");
  }

  @Test
  void anActivityResultOverTheLimitFailsTheAttemptAsAnApplicationError() {
    DurableClient client = start(registry()).client();
    client.startOrchestration("big-activity-result", "res", null);

    assertThat(client.waitForCompletion("res", WAIT).output(String.class))
        .startsWith("failed: result of activity 'big-result' is " + (LARGE.length() + 2)
            + " bytes of UTF-8");
  }

  /**
   * The case at a smaller scale: 1,500 waiting instances with 200 KB inputs held 306 MB;
   * here 60 with 100 KB inputs (about 12 MB of history) under a 2 MiB bound.
   */
  @Test
  void theHistoryCacheStaysUnderItsByteBoundWithManyLargeWaitingInstances() {
    long bound = 2L << 20;
    DurableRuntime rt = start(registry(), b -> b.historyCacheBytes(bound));
    DurableClient client = rt.client();
    String input = "y".repeat(100 * 1024);
    for (int i = 0; i < 60; i++) {
      client.startOrchestration("wait", "w" + i, input);
    }
    awaitTrue(() -> queryLong("SELECT count(*) FROM durobs.instances WHERE history_length > 0")
        == 60, WAIT, "all 60 instances have run their first turn");
    awaitWorkInProgress(rt);

    HistoryCache cache = rt.historyCache();
    assertThat(cache.estimatedBytes()).isLessThanOrEqualTo(bound).isPositive();
    // each history holds its input (about 200 KB of heap as UTF-16): about ten fit
    assertThat(cache.size()).isBetween(5, 12);

    // evicted histories are read back from the store: every instance still completes
    for (int i = 0; i < 60; i++) {
      client.raiseEvent("w" + i, "go", "done");
    }
    for (int i = 0; i < 60; i++) {
      assertThat(client.waitForCompletion("w" + i, WAIT).output(Integer.class)).isEqualTo(4);
    }
    assertThat(cache.estimatedBytes()).isLessThanOrEqualTo(bound);
  }

  @Test
  void theHistoryCacheEstimateCountsPayloadCharacters() {
    var small = java.util.List.<HistoryEvent>of(new HistoryEvent.EventRaised("go", "\"a\""));
    var large = java.util.List.<HistoryEvent>of(new HistoryEvent.EventRaised("go",
        "\"" + "a".repeat(10_000) + "\""));
    assertThat(HistoryCache.estimate(large) - HistoryCache.estimate(small)).isEqualTo(2 * 9_999);
  }
}
