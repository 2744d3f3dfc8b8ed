package io.durobs.toolkit.grafana.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durobs.toolkit.grafana.DataSourceRef;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dashboard JSON of every schema and origin read into one view. */
class DashboardReaderTest {

  @Test
  void readsTheOldSchemaRowsAsPanelsOfTheirRow() {
    DashboardFile d = DashboardReader.parse("""
        {"uid": "old", "title": "Old", "rows": [
          {"title": "Load", "panels": [
            {"id": 1, "title": "Requests", "type": "graph", "span": 6, "datasource": "Prometheus",
             "targets": [{"refId": "A", "expr": "rate(x_total[5m])"}]}]},
          {"title": "Errors", "panels": [
            {"id": 2, "title": "Failures", "type": "singlestat",
             "targets": [{"refId": "A", "expr": "y", "datasource": {"type": "prometheus", "uid": "p"}}]}]}]}
        """, "old.json");

    assertThat(d.panels()).extracting(PanelView::title, PanelView::row, PanelView::gridWidth)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Requests", "Load", 12),
            org.assertj.core.groups.Tuple.tuple("Failures", "Errors", 24));
    QueryTarget inherited = d.panels().get(0).targets().get(0);
    assertThat(inherited.datasource()).isEqualTo(new DataSourceRef(null, "Prometheus"));
    assertThat(inherited.inheritsDatasource()).isTrue();
    QueryTarget own = d.panels().get(1).targets().get(0);
    assertThat(own.datasource()).isEqualTo(DataSourceRef.prometheus("p"));
    assertThat(own.inheritsDatasource()).isFalse();
    assertThat(d.timeFrom()).isEqualTo("now-6h");
  }

  @Test
  void readsCollapsedRowsWithTheirNestedPanelsAfterTheRow() {
    DashboardFile d = DashboardReader.parse("""
        {"dashboard": {"uid": "new", "title": "New", "panels": [
          {"id": 1, "type": "stat", "title": "Top", "targets": [{"refId": "A", "expr": "a"}]},
          {"id": 2, "type": "row", "title": "Open", "collapsed": false, "panels": []},
          {"id": 3, "type": "timeseries", "title": "Under open", "targets": [{"refId": "A", "expr": "b"}]},
          {"id": 4, "type": "row", "title": "Shut", "collapsed": true, "panels": [
            {"id": 5, "type": "timeseries", "title": "Inside", "gridPos": {"w": 8},
             "fieldConfig": {"defaults": {"unit": "s",
               "thresholds": {"steps": [{"color": "green", "value": null}, {"color": "red", "value": 5}]}}},
             "targets": [{"refId": "A", "expr": "c"}]}]}]},
         "meta": {}}
        """, "grafana:new");

    assertThat(d.layout()).extracting(PanelView::title)
        .containsExactly("Top", "Open", "Under open", "Shut", "Inside");
    assertThat(d.panels()).extracting(PanelView::title, PanelView::row).containsExactly(
        org.assertj.core.groups.Tuple.tuple("Top", ""),
        org.assertj.core.groups.Tuple.tuple("Under open", "Open"),
        org.assertj.core.groups.Tuple.tuple("Inside", "Shut"));
    PanelView inside = d.panels().get(2);
    assertThat(inside.unit()).isEqualTo("s");
    assertThat(inside.gridWidth()).isEqualTo(8);
    assertThat(inside.thresholds()).extracting(s -> s.value()).containsExactly(null, 5.0);
  }

  @Test
  void readsALibraryPanelAsAPanelWithoutQueriesThatNamesItsLibraryUid() {
    DashboardFile d = DashboardReader.parse("""
        {"uid": "lib", "panels": [
          {"id": 1, "title": "Shared", "libraryPanel": {"uid": "abc", "name": "Shared"}},
          {"id": 2, "type": "text", "title": "Notes"}]}
        """, "lib.json");

    assertThat(d.panels()).hasSize(2);
    assertThat(d.panelsWithQueries()).singleElement().satisfies(p -> {
      assertThat(p.isLibraryPanel()).isTrue();
      assertThat(p.libraryPanel()).isEqualTo("abc");
      assertThat(p.targets()).isEmpty();
    });
  }

  @Test
  void readsVariablesInputsAndEveryReferenceOutsideSavedValues() {
    DashboardFile d = DashboardReader.parse("""
        {"uid": "v", "__inputs": [{"name": "DS_PROM", "pluginId": "prometheus"}],
         "links": [{"title": "Other", "url": "/d/other?var-job=${job}"}],
         "templating": {"list": [
           {"name": "job", "type": "query", "datasource": "${DS_PROM}",
            "query": {"metric": "up", "label": "job"}, "current": {"value": ["$__all"]}},
           {"name": "ds", "type": "datasource", "query": "prometheus",
            "current": {"value": "$unused_in_current"}, "options": [{"value": "$neither_in_options"}]}]},
         "panels": [{"type": "stat", "title": "$job up", "datasource": {"uid": "$ds"},
           "targets": [{"refId": "A", "expr": "label_replace(up, \\"x\\", \\"$1\\", \\"job\\", \\"(.*)\\")"}]}]}
        """, "v.json");

    assertThat(d.inputs()).containsEntry("DS_PROM", "prometheus");
    assertThat(d.variable("job")).get().satisfies(v -> {
      assertThat(v.query()).isEqualTo("label_values(up, job)");
      assertThat(v.datasource().variableName()).isEqualTo("DS_PROM");
      assertThat(v.current()).containsExactly(TemplateVariable.ALL);
    });
    assertThat(d.variable("ds").orElseThrow().firstCurrent()).isEqualTo("$unused_in_current");
    assertThat(d.links()).containsExactly(new LinkRef("Other", "/d/other?var-job=${job}"));
    assertThat(d.referencedVariables()).containsExactly("job", "DS_PROM", "ds");
  }

  @Test
  void refusesWhatIsNotAClassicDashboardNamingTheSource(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> DashboardReader.parse("{\"title\": \"x\"}", "a.json"))
        .isInstanceOf(DashboardFormatException.class)
        .hasMessage("a.json: not a Grafana dashboard (no 'panels' or 'rows' at the top level)");
    assertThatThrownBy(() -> DashboardReader.parse(
        "{\"kind\": \"Dashboard\", \"apiVersion\": \"dashboard.grafana.app/v2\", \"spec\": {}}", "b.json"))
        .hasMessageStartingWith("b.json: Grafana v2 dashboard schema (dashboard.grafana.app/v2) is not supported");
    assertThatThrownBy(() -> DashboardReader.parse("{\"panels\": [", "c.json"))
        .hasMessageStartingWith("c.json: not JSON (line 1, column ");
    Path missing = dir.resolve("missing.json");
    assertThatThrownBy(() -> DashboardReader.read(missing))
        .hasMessageStartingWith(missing + ": cannot read the file (NoSuchFileException");
    Path file = Files.writeString(dir.resolve("ok.json"), "{\"uid\": \"u\", \"panels\": []}");
    assertThat(DashboardReader.read(file).source()).isEqualTo(file.toString());
  }

  /**
   * Hostile input ends in a one-line {@link DashboardFormatException} naming the file, not a
   * NullPointerException (10,000-level nesting: Jackson's constraint errors carry no location),
   * a stack overflow or a full heap: size, depth and string length are bounded, and what is not
   * a regular file (a device, a FIFO) is not read at all.
   */
  @Test
  void hostileInputIsRefusedWithOneLineNamingTheFile(@TempDir Path dir) throws Exception {
    Path deep = Files.writeString(dir.resolve("deep.json"),
        "{\"panels\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}");
    assertThatThrownBy(() -> DashboardReader.read(deep))
        .isInstanceOf(DashboardFormatException.class)
        .hasMessageStartingWith(deep + ": refused: ")
        .hasMessageContaining("nesting depth")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

    Path longString = Files.writeString(dir.resolve("long.json"), "{\"panels\": [], "
        + "\"description\": \"" + "a".repeat(DashboardReader.MAX_STRING + 1) + "\"}");
    assertThatThrownBy(() -> DashboardReader.read(longString))
        .isInstanceOf(DashboardFormatException.class)
        .hasMessageStartingWith(longString + ": refused: ").hasMessageContaining("String value length");

    Path huge = dir.resolve("huge.json");
    try (var ch = java.nio.channels.FileChannel.open(huge, java.nio.file.StandardOpenOption.CREATE_NEW,
        java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {' '}), DashboardReader.MAX_BYTES); // sparse
    }
    assertThatThrownBy(() -> DashboardReader.read(huge))
        .isInstanceOf(DashboardFormatException.class)
        .hasMessage(huge + ": " + (DashboardReader.MAX_BYTES + 1) + " bytes; dashboards over 32 MiB"
            + " are not read");

    assertThatThrownBy(() -> DashboardReader.read(Path.of("/dev/zero")))
        .isInstanceOf(DashboardFormatException.class).hasMessage("/dev/zero: not a regular file");
  }
}
