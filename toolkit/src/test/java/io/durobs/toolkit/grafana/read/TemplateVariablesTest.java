package io.durobs.toolkit.grafana.read;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Grafana's three reference syntaxes, found and replaced by the one pattern. */
class TemplateVariablesTest {

  @Test
  void findsEverySyntaxInOrderAndLeavesRegexGroupsOut() {
    assertThat(TemplateVariables.referenced(
        "sum by ($group) (rate(x{job=~\"${job:regex}\", i=\"[[instance]]\"}[$__rate_interval])) "
            + "${__field.labels.le} $1 $job"))
        .containsExactly("group", "job", "instance", "__rate_interval", "__field");
  }

  @Test
  void replacesReferencesWithTheirFormatAndLeavesOthersAsWritten() {
    String out = TemplateVariables.replace("a=$a b=${b:csv} c=[[c:regex]] d=$d",
        r -> r.name().equals("d") ? r.text() : r.name().toUpperCase() + "/" + r.format());
    assertThat(out).isEqualTo("a=A/null b=B/csv c=C/regex d=$d");
  }
}
