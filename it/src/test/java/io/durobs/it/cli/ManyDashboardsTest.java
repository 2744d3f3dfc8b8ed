package io.durobs.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.durobs.it.support.TestPrometheus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory of dashboards checked several at a time gives what one at a time gives, in input
 * order, each dashboard's progress lines together. (The time for 1,000 is measured by the
 * README's documented command, not here.)
 */
class ManyDashboardsTest {

  @TempDir Path tmp;

  @Test
  void parallelChecksMatchSequentialOnesInOrderWithLinesKeptTogether() throws Exception {
    String prometheus = TestPrometheus.shared().url();
    Path dir = tmp.resolve("dashboards");
    GeneratedDashboards.write(dir, 24);
    ForeignDashboardsTest.Run parallel = ForeignDashboardsTest.run("--prometheus", prometheus,
        "--parallel", "6", "--from", "now-10m", "--report", tmp.resolve("p").toString(), dir.toString());
    ForeignDashboardsTest.Run sequential = ForeignDashboardsTest.run("--prometheus", prometheus,
        "--parallel", "1", "--quiet", "--from", "now-10m", "--report", tmp.resolve("s").toString(), dir.toString());
    assertThat(parallel.code()).as(parallel.out() + parallel.err()).isEqualTo(ValidateDashboards.EMPTY_PANELS);
    assertThat(parallel.out()).contains("panels 96/144 with data (24 skipped: not checked or hidden)");
    assertThat(statuses(tmp.resolve("p"))).isEqualTo(statuses(tmp.resolve("s")));
    // each dashboard's block: its header line, its six panels, its count; no other dashboard's lines between
    List<String> lines = parallel.err().lines().toList();
    int blocks = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("dashboard Generated ")) {
        blocks++;
        int panels = 0;
        int j = i + 1;
        for (; !lines.get(j).matches("  \\d+/\\d+ panels with data"); j++) {
          assertThat(lines.get(j)).as(lines.get(i)).doesNotStartWith("dashboard ");
          panels += lines.get(j).startsWith("  [") ? 1 : 0;
        }
        assertThat(panels).as(lines.get(i)).isEqualTo(6);
        assertThat(lines.get(j)).isEqualTo("  4/6 panels with data");
      }
    }
    assertThat(blocks).isEqualTo(24);
  }

  private static List<String> statuses(Path report) throws Exception {
    JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
    List<String> out = new ArrayList<>();
    json.path("dashboards").forEach(d -> d.path("panels").forEach(p ->
        out.add(d.path("uid").asText() + "/" + p.path("id").asInt() + "=" + p.path("status").asText())));
    return out;
  }
}
