package io.durobs.it.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.toolkit.grafana.DataSourceRef;
import io.durobs.toolkit.grafana.read.TemplateVariable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Template variable substitution as Grafana's Prometheus data source does it. */
class InterpolatorTest {

  private static ResolvedVariable var(String name, boolean multi, boolean includeAll, String allValue,
      List<String> options, List<String> selected, boolean all) {
    TemplateVariable def = new TemplateVariable(name, "query", "", DataSourceRef.DEFAULT, "", multi,
        includeAll, allValue, List.of(), List.of(), 0);
    return new ResolvedVariable(def, options, selected, all, null);
  }

  @Test
  void singleValueIsInsertedWithRegularEscaping() {
    var v = var("job", false, false, null, List.of("a.b", "c"), List.of("a.b"), false);
    assertThat(Interpolator.interpolate("up{job=\"$job\"}", Map.of("job", v), Map.of())).isEqualTo("up{job=\"a.b\"}");
  }

  @Test
  void allWithoutCustomValueBecomesAnEscapedAlternation() {
    var v = var("job", true, true, null, List.of("a.b", "c"), List.of("a.b", "c"), true);
    assertThat(Interpolator.interpolate("up{job=~\"$job\"}", Map.of("job", v), Map.of()))
        .isEqualTo("up{job=~\"(a\\\\.b|c)\"}");
  }

  @Test
  void customAllValueIsInsertedRaw() {
    var v = var("job", false, true, ".*", List.of("a", "b"), List.of("a", "b"), true);
    assertThat(Interpolator.interpolate("up{job=~\"${job}\"}", Map.of("job", v), Map.of())).isEqualTo("up{job=~\".*\"}");
  }

  @Test
  void threeSyntaxesFormatsAndBuiltIns() {
    var v = var("h", true, false, null, List.of("x", "y"), List.of("x", "y"), false);
    Map<String, ResolvedVariable> vars = Map.of("h", v);
    Map<String, String> builtIns = Map.of("__rate_interval", "1m0s", "__interval", "15s");
    assertThat(Interpolator.interpolate("rate(m{h=~\"[[h]]\"}[$__rate_interval]) $__interval ${h:csv} ${h:pipe} $unknown",
        vars, builtIns)).isEqualTo("rate(m{h=~\"(x|y)\"}[1m0s]) 15s x,y x|y $unknown");
    // a built-in the caller leaves to the backend stays as written
    assertThat(Interpolator.interpolate("[$__rate_interval]", vars, Map.of())).isEqualTo("[$__rate_interval]");
    assertThat(Interpolator.references("a $x ${y:raw} [[z]] $__interval")).containsExactly("x", "y", "z", "__interval");
  }

  @Test
  void variableQueryHelpers() {
    assertThat(VariableResolver.applyRegex(List.of("/metrics", "/api/v1/query", "/x"), "/^\\/(api.*)$/"))
        .containsExactly("api/v1/query");
    assertThat(VariableResolver.splitCustom("a, b : bee, c\\,d")).containsExactly("a", "bee", "c,d");
    assertThat(VariableResolver.sort(List.of("10", "9", "a"), 3)).startsWith("9", "10");
  }
}
