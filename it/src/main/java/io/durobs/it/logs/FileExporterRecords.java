package io.durobs.it.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the log records the collector's {@code file} exporter wrote: OTLP JSON, one
 * {@code ExportLogsServiceRequest} per line.
 */
public final class FileExporterRecords {

  private static final ObjectMapper JSON = new ObjectMapper();

  private FileExporterRecords() {}

  /** Every record in the file (none when the file does not exist yet). */
  public static List<LogRecord> read(Path file) {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<LogRecord> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode root;
        try {
          root = JSON.readTree(line);
        } catch (IOException e) {
          continue; // a line still being written
        }
        for (JsonNode rl : root.path("resourceLogs")) {
          Map<String, String> resource = attributes(rl.path("resource").path("attributes"));
          for (JsonNode sl : rl.path("scopeLogs")) {
            for (JsonNode r : sl.path("logRecords")) {
              out.add(new LogRecord(r.path("timeUnixNano").asLong(r.path("observedTimeUnixNano").asLong()),
                  r.path("severityText").asText(""), anyValue(r.path("body")), resource,
                  attributes(r.path("attributes"))));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read log records from " + file, e);
    }
    return out;
  }

  private static Map<String, String> attributes(JsonNode list) {
    Map<String, String> m = new LinkedHashMap<>();
    for (JsonNode kv : list) {
      m.put(kv.path("key").asText(), anyValue(kv.path("value")));
    }
    return m;
  }

  private static String anyValue(JsonNode v) {
    if (v.has("stringValue")) {
      return v.get("stringValue").asText();
    }
    if (v.has("intValue")) {
      return v.get("intValue").asText();
    }
    if (v.has("boolValue")) {
      return v.get("boolValue").asText();
    }
    if (v.has("doubleValue")) {
      return v.get("doubleValue").asText();
    }
    return v.isMissingNode() ? "" : v.toString();
  }
}
