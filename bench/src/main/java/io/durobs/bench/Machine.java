package io.durobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the numbers were measured on, from {@code /proc}: cores, CPU, memory, load, this JVM's RSS. */
final class Machine {

  private Machine() {}

  /** Cores, CPU model, memory and the load average now (other work on the machine shows here). */
  static Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
    m.put("cpu", field("/proc/cpuinfo", "model name"));
    m.put("memory", field("/proc/meminfo", "MemTotal"));
    m.put("java", System.getProperty("java.version"));
    m.put("load before", loadAverage());
    return m;
  }

  /** The 1, 5 and 15 minute load averages. */
  static String loadAverage() {
    String[] parts = read("/proc/loadavg").split(" ");
    return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "unknown";
  }

  /** This process' resident memory in MiB (0 where {@code /proc} has none). */
  static long rssMb() {
    String kb = field("/proc/self/status", "VmRSS").replace("kB", "").trim();
    return kb.isEmpty() || kb.equals("unknown") ? 0 : Long.parseLong(kb) / 1024;
  }

  private static String field(String file, String name) {
    for (String line : read(file).split("\n")) {
      if (line.startsWith(name)) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return "unknown";
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      return "";
    }
  }
}
