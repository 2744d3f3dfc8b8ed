package io.durobs.it.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a run's report: {@code report.json} (every dashboard, panel, target, diagnosis, alert and
 * metric; its shape is {@link ReportJson}) and {@code report.html}, a self-contained page (uPlot
 * and its CSS inlined, so it opens offline) with, per dashboard and panel, the status, the query
 * as run, a small chart of the returned series and the diagnosis (see {@link ReportPage}). Files
 * are written to a temp name and moved into place, so a failed write leaves nothing half-written.
 */
public final class ReportWriter {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportWriter() {}

  /**
   * Writes {@code report.json} and {@code report.html} into {@code dir} (created if missing).
   *
   * @return the HTML page's path
   */
  public static Path write(RunReport report, Path dir) {
    try {
      Files.createDirectories(dir);
      writeAtomically(dir.resolve("report.json"), json(report));
      Path html = dir.resolve("report.html");
      writeAtomically(html, ReportPage.render(report));
      return html;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report into " + dir, e);
    }
  }

  /**
   * Fails early, before any check runs, when {@code dir} cannot take the report: it cannot be
   * created, or a file cannot be written in it.
   *
   * @throws UncheckedIOException naming the directory, the cause being the I/O error
   */
  public static void checkWritable(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.delete(Files.createTempFile(dir, "report", ".probe"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report into " + dir, e);
    }
  }

  /** The text of {@code report.json}. */
  static String json(RunReport report) throws JsonProcessingException {
    return JSON.writeValueAsString(ReportJson.of(report));
  }

  private static void writeAtomically(Path target, String text) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
