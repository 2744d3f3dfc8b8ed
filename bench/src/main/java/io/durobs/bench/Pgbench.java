package io.durobs.bench;

import io.durobs.bench.BenchServer.Counters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's limit: {@code pgbench -N} (the simple-update script, 3 updates and an insert per
 * transaction, no contended branch row) with 20 clients on the benchmark's server. Needs the
 * {@code pgbench} program ({@value #ENV} names it; otherwise {@code pgbench} on the PATH, from
 * Debian's {@code postgresql-client}).
 */
final class Pgbench {

  static final String ENV = "DUROBS_PGBENCH";
  static final int CLIENTS = 20;
  private static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: (\\d+)");
  private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

  private Pgbench() {}

  /**
   * The result.
   *
   * @param tps transactions per second (pgbench's own figure)
   * @param writeXactsPerTx write transactions of the server per pgbench transaction
   * @param walBytesPerTx WAL bytes per pgbench transaction
   * @param clients concurrent clients
   * @param seconds how long it ran
   */
  record Result(double tps, double writeXactsPerTx, double walBytesPerTx, int clients, int seconds) {}

  /** Creates database {@code pgbench}, initializes it (scale 1) and runs the test. */
  static Result run(BenchServer server, int seconds) throws Exception {
    String program = program();
    server.createDatabase("pgbench");
    List<String> conn = List.of("-h", "127.0.0.1", "-p", String.valueOf(server.port()),
        "-U", server.user());
    List<String> init = new ArrayList<>(List.of(program, "-i", "-q", "-s", "1"));
    init.addAll(conn);
    init.add("pgbench");
    exec(init, 120);
    Counters before = server.counters("pgbench");
    List<String> test = new ArrayList<>(List.of(program, "-N", "-c", String.valueOf(CLIENTS),
        "-j", "2", "-T", String.valueOf(seconds)));
    test.addAll(conn);
    test.add("pgbench");
    String out = exec(test, seconds + 120);
    Counters after = server.counters("pgbench");
    Matcher m = TPS.matcher(out);
    Matcher n = PROCESSED.matcher(out);
    if (!m.find() || !n.find()) {
      throw new IllegalStateException("pgbench printed no 'tps = ...' or 'number of transactions"
          + " actually processed' line:\n" + out);
    }
    double tps = Double.parseDouble(m.group(1));
    double txs = Long.parseLong(n.group(1));
    return new Result(tps, (after.nextXid() - before.nextXid()) / txs,
        (after.walBytes() - before.walBytes()) / txs, CLIENTS, seconds);
  }

  private static String program() {
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      return env;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, "pgbench"))) {
        return Path.of(dir, "pgbench").toString();
      }
    }
    throw new IllegalStateException("pgbench not found on the PATH (install Debian's"
        + " postgresql-client, or set " + ENV + " to the program)");
  }

  private static String exec(List<String> command, int timeoutSeconds)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + ": timed out");
    }
    String text = new String(out);
    if (p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + ": exit " + p.exitValue()
          + "\n" + text);
    }
    return text;
  }
}
