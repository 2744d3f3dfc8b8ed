package io.durobs.dashboards.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Metric names come from the catalogue: no definition in this module spells one. */
class NoHandTypedMetricNamesTest {

  private static final Pattern METRIC_NAME = Pattern.compile("duroxide[._][a-z]");

  @Test
  void noMainSourceSpellsAMetricName() throws IOException {
    Path main = Path.of("src/main/java");
    assertThat(main).isDirectory();
    List<String> offenders;
    try (Stream<Path> files = Files.walk(main)) {
      offenders = files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
        try {
          List<String> lines = Files.readAllLines(p);
          return java.util.stream.IntStream.range(0, lines.size())
              .filter(i -> METRIC_NAME.matcher(lines.get(i)).find())
              .mapToObj(i -> p + ":" + (i + 1) + ": " + lines.get(i).strip());
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    }
    assertThat(offenders).isEmpty();
  }
}
