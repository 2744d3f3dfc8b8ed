package io.durobs.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durobs.engine.testing.EngineTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of bad client input: a typed exception naming the problem, and nothing written. */
class BadInputTest extends EngineTestBase {

  private static final Registry REGISTRY = Registry.builder()
      .orchestration("known", ctx -> ctx.inputJson())
      .build();

  private DurableClient client() {
    return client(REGISTRY);
  }

  @AfterEach
  void nothingWasWritten() {
    assertThat(queryLong("SELECT count(*) FROM durobs.instances WHERE instance_id <> 'taken'"))
        .isZero();
    assertThat(queryLong("SELECT count(*) FROM durobs.orchestrator_queue"
        + " WHERE instance_id <> 'taken'")).isZero();
  }

  @Test
  void emptyInstanceId() {
    assertThatThrownBy(() -> client().startOrchestration("known", "", null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("instance id is empty");
  }

  @Test
  void overLongInstanceId() {
    String id = "x".repeat(256);
    assertThatThrownBy(() -> client().startOrchestration("known", id, null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("instance id is 256 characters long; the limit is 255");
  }

  @Test
  void longestAllowedInstanceIdIsAccepted() {
    String id = "y".repeat(255);
    assertThat(client().startOrchestration("known", id, null)).isEqualTo(id);
    // clean up for the nothing-written check: this one was meant to be written
    queryLong("WITH d AS (DELETE FROM durobs.instances WHERE instance_id = ? RETURNING 1),"
        + " q AS (DELETE FROM durobs.orchestrator_queue WHERE instance_id = ? RETURNING 1)"
        + " SELECT (SELECT count(*) FROM d) + (SELECT count(*) FROM q)", id, id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tab\there", "new\nline", "nul\u0000char", "del\u007f"})
  void controlCharactersInInstanceId(String id) {
    assertThatThrownBy(() -> client().startOrchestration("known", id, null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("instance id")
        .hasMessageContaining("contains the control character U+");
  }

  @Test
  void unknownOrchestrationName() {
    assertThatThrownBy(() -> client().startOrchestration("nope", "i-1", null))
        .isInstanceOf(UnknownOrchestrationException.class)
        .hasMessage("orchestration 'nope' is not registered (registered: [known])");
  }

  @Test
  void unknownVersion() {
    assertThatThrownBy(() -> client().startOrchestration(StartRequest.builder("known")
        .version("7").instanceId("i-2").build()))
        .isInstanceOf(UnknownOrchestrationException.class)
        .hasMessage("orchestration 'known' has no version '7'");
  }

  @Test
  void malformedJsonInput() {
    assertThatThrownBy(() -> client().startOrchestration(StartRequest.builder("known")
        .instanceId("i-3").inputJson("{\"a\": 1,").build()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("input of orchestration 'known' is not valid JSON:")
        .hasMessageContaining("line 1");
  }

  @Test
  void trailingGarbageAfterJsonInput() {
    assertThatThrownBy(() -> StartRequest.builder("known").inputJson("{} {}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("input of orchestration 'known' is not valid JSON:");
  }

  @Test
  void emptyJsonInput() {
    assertThatThrownBy(() -> StartRequest.builder("known").inputJson(""))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("is not valid JSON");
  }

  @Test
  void duplicateInstanceId() {
    DurableClient c = client();
    c.startOrchestration("known", "taken", null);
    assertThatThrownBy(() -> c.startOrchestration("known", "taken", "other"))
        .isInstanceOf(InstanceAlreadyExistsException.class)
        .hasMessage("orchestration instance 'taken' already exists");
    assertThat(queryLong("SELECT count(*) FROM durobs.orchestrator_queue"
        + " WHERE instance_id = 'taken'")).isEqualTo(1);
  }

  @Test
  void eventsAndCancelsForUnknownInstancesOrWithBadPayloads() {
    DurableClient c = client();
    assertThatThrownBy(() -> c.raiseEvent("ghost", "go", null))
        .isInstanceOf(InstanceNotFoundException.class)
        .hasMessage("orchestration instance 'ghost' does not exist");
    assertThatThrownBy(() -> c.cancel("ghost", "why"))
        .isInstanceOf(InstanceNotFoundException.class);
    assertThatThrownBy(() -> c.raiseEventJson("ghost", "go", "[1,"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("payload of event 'go' is not valid JSON");
    assertThatThrownBy(() -> c.raiseEvent("ghost", "", null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("event name is empty");
    assertThatThrownBy(() -> c.waitForCompletion("ghost", java.time.Duration.ofMillis(10)))
        .isInstanceOf(InstanceNotFoundException.class);
    assertThat(c.getStatus("ghost")).isEmpty();
  }

  @Test
  void unencodableInput() {
    Object selfReferencing = new Object() {
      @SuppressWarnings("unused")
      public Object getSelf() {
        return this;
      }
    };
    assertThatThrownBy(() -> client().startOrchestration("known", "i-4", selfReferencing))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("input of orchestration 'known' cannot be encoded as JSON");
  }
}
