package io.durobs.it.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Translation variants of OTel-derived names. */
class NameVariantsTest {

  private static final List<String> PRESENT = List.of("duroxide_orchestration_starts_total",
      "duroxide_activity_duration_seconds_bucket", "duroxide_activity_duration_seconds_count",
      "duroxide_active_orchestrations");

  @Test
  void findsTheVariantsThatDifferOnlyByTranslation() {
    assertThat(NameVariants.variantsOf("duroxide_orchestration_starts", PRESENT))
        .containsExactly("duroxide_orchestration_starts_total");
    assertThat(NameVariants.variantsOf("duroxide.orchestration.starts", PRESENT))
        .containsExactly("duroxide_orchestration_starts_total");
    assertThat(NameVariants.variantsOf("duroxide_activity_duration_milliseconds_bucket", PRESENT))
        .containsExactly("duroxide_activity_duration_seconds_bucket");
    assertThat(NameVariants.variantsOf("duroxide_activity_duration_bucket", PRESENT))
        .containsExactly("duroxide_activity_duration_seconds_bucket");
    assertThat(NameVariants.variantsOf("duroxide_active_orchestration", PRESENT)).isEmpty();
  }

  @Test
  void describesTheDifference() {
    assertThat(NameVariants.describe("x_total", "x")).isEqualTo("without `_total`");
    assertThat(NameVariants.describe("x_bucket", "x_seconds_bucket")).isEqualTo("with the unit suffix `_seconds`");
    assertThat(NameVariants.describe("x_milliseconds_bucket", "x_seconds_bucket"))
        .isEqualTo("with unit `_seconds` instead of `_milliseconds`");
    assertThat(NameVariants.describe("a_b_total", "a.b")).isEqualTo("with dots (untranslated UTF-8 name), without `_total`");
  }
}
