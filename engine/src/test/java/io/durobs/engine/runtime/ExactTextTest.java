package io.durobs.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durobs.engine.api.DurableClient;
import io.durobs.engine.api.InvalidInputException;
import io.durobs.engine.api.OrchestrationState;
import io.durobs.engine.api.Registry;
import io.durobs.engine.testing.EngineTestBase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Identity is exact: what the engine cannot store as given (an unpaired UTF-16 surrogate, which
 * UTF-8 cannot encode and the driver would replace with {@code ?}; a NUL, which PostgreSQL text
 * and jsonb refuse) is rejected with a typed error naming it, before anything is written, on a
 * real PostgreSQL. Before the check, two ids that differ only in such a character were the same
 * stored id, and a NUL in a cancel reason failed the orchestration although cancel returned true.
 */
class ExactTextTest extends EngineTestBase {

  private static final Registry REGISTRY = Registry.builder()
      .orchestration("waits", ctx -> ctx.waitForEvent("go", String.class).await())
      .build();

  @Test
  void idsThatDifferOnlyInAnUnpairedSurrogateAreRejectedNotMerged() {
    DurableClient client = start(REGISTRY).client();
    String first = "order-\uD800";
    String second = "order-\uDBFF";

    assertThatThrownBy(() -> client.startOrchestration("waits", first, null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("instance id").hasMessageContaining("unpaired UTF-16 surrogate U+D800");
    assertThatThrownBy(() -> client.startOrchestration("waits", second, null))
        .isInstanceOf(InvalidInputException.class);
    assertThat(client.getStatus("order-?")).as("nothing was written under the '?' form").isEmpty();
  }

  @Test
  void aProperSurrogatePairIsStoredExactly() {
    DurableClient client = start(REGISTRY).client();
    String id = "order-\uD83D\uDE80"; // a rocket: one supplementary character
    client.startOrchestration("waits", id, "input \uD83D\uDE80");
    assertThat(client.getStatus(id)).isPresent();
    assertThat(client.getStatus("order-?")).isEmpty();
  }

  @Test
  void inputsWithUnstorableTextAreRejectedBeforeAnythingIsWritten() {
    DurableClient client = start(REGISTRY).client();
    assertThatThrownBy(() -> client.startOrchestration("waits", "in-1", "broken \uDC00 text"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("input of orchestration");
    assertThatThrownBy(() -> client.startOrchestration("waits", "in-2", "nul \u0000 inside"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("NUL");
    assertThat(client.getStatus("in-1")).isEmpty();
    assertThat(client.getStatus("in-2")).isEmpty();
  }

  @Test
  void aCancelReasonWithNulIsRejectedAndTheInstanceRunsOn() {
    DurableClient client = start(REGISTRY).client();
    client.startOrchestration("waits", "victim", null);

    assertThatThrownBy(() -> client.cancel("victim", "stop\u0000now"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("cancel reason");
    client.raiseEvent("victim", "go", "done");

    assertThat(client.waitForCompletion("victim", Duration.ofSeconds(30)).state())
        .isEqualTo(OrchestrationState.COMPLETED);
  }

  @Test
  void eventPayloadsWithEscapedNulOrLoneSurrogatesAreRejected() {
    DurableClient client = start(REGISTRY).client();
    client.startOrchestration("waits", "ev", null);
    assertThatThrownBy(() -> client.raiseEventJson("ev", "go", "\"a\\u0000b\""))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("\\u0000");
    assertThatThrownBy(() -> client.raiseEventJson("ev", "go", "\"a\\ud800b\""))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("unpaired surrogate");
    // an escaped backslash followed by the text u0000 is no NUL
    client.raiseEventJson("ev", "go", "\"a\\\\u0000b\"");
    assertThat(client.waitForCompletion("ev", Duration.ofSeconds(30)).output(String.class))
        .isEqualTo("a\\u0000b");
  }
}
