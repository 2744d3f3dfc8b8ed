package io.durobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.cli.stack.StackState;
import io.durobs.testing.postgres.TestDatabase;
import io.durobs.testing.postgres.TestPostgres;
import io.durobs.toolkit.tools.Checkout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's loop end to end, through the {@code ./durobs} launcher and the jar the build just
 * made: {@code stack up}, {@code demo}, {@code validate}, {@code stack down}; afterwards no process
 * of the stack runs (none of the recorded pids, none whose command line names the test's
 * directory), the run folder is gone and no PostgreSQL directory of the stack is left in the temp
 * directory (the server's directory is there because, as root, it runs as an unprivileged user
 * who may not reach the checkout).
 */
class DurobsIT {

  /** The validate summary when every panel has data: {@code panels N/N with data}. */
  private static final java.util.regex.Pattern EVERY_PANEL =
      java.util.regex.Pattern.compile("panels (\\d+)/\\1 with data");

  private Path work;

  @BeforeEach
  void workDirectory() throws IOException {
    work = Files.createDirectories(Path.of("target", "durobs-it-" + System.nanoTime())
        .toAbsolutePath());
  }

  @AfterEach
  void removeWorkDirectory() throws IOException {
    try (Stream<Path> all = Files.walk(work)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void upDemoValidateDownLeavesNothingBehind() throws Exception {
    Path runDir = work.resolve("run");
    List<Path> pgDirsBefore = postgresDirectories();
    // an empty DATABASE_URL: the README's loop on the embedded server, whatever the environment has
    Map<String, String> env = Map.of("DUROBS_RUN_DIR", runDir.toString(), "DUROBS_NO_BUILD", "1",
        "DATABASE_URL", "");

    Result up = durobs(env, "stack", "up", "--mode", "local", "--free-ports");
    assertThat(up.code()).as(up.toString()).isZero();
    StackState state = StackState.read(runDir).orElseThrow();
    assertThat(up.out()).contains(state.prometheusUrl(), state.alertmanagerUrl(),
        state.otlpEndpoint(), state.databaseUrl());
    assertThat(state.services()).extracting(StackState.Service::name)
        .containsExactly("postgres", "collector", "alertmanager", "prometheus");
    List<Long> pids = state.services().stream().map(StackState.Service::pid).toList();
    try {
      Result status = durobs(env, "stack", "status");
      assertThat(status.code()).as(status.toString()).isZero();
      assertThat(status.out().lines()).hasSize(4).allMatch(l -> l.contains(" healthy "));

      Result again = durobs(env, "stack", "up", "--mode", "local", "--free-ports");
      assertThat(again.code()).isZero();
      assertThat(again.err()).contains("already runs");
      assertThat(StackState.read(runDir).orElseThrow().services())
          .extracting(StackState.Service::pid).containsExactlyElementsOf(pids);

      Result demo = durobs(env, "demo", "--timeout", "3m");
      assertThat(demo.code()).as(demo.toString()).isZero();
      assertThat(demo.err()).contains("demo: panels");
      assertThat(demo.out()).containsPattern(EVERY_PANEL);

      Result validate = durobs(env, "validate", "--quiet");
      assertThat(validate.code()).as(validate.toString()).isZero();
      assertThat(validate.out()).containsPattern(EVERY_PANEL);
    } finally {
      Result down = durobs(env, "stack", "down");
      assertThat(down.code()).as(down.toString()).isZero();
    }
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("pid " + pid).isEmpty();
    }
    assertThat(processesMentioning(work.toString())).as("processes using " + work).isEmpty();
    assertThat(runDir).doesNotExist();
    assertThat(postgresDirectories()).as("PostgreSQL directories left in the temp directory")
        .isSubsetOf(pgDirsBefore);
    Result downAgain = durobs(env, "stack", "down");
    assertThat(downAgain.code()).isZero();
    assertThat(downAgain.err()).contains("no stack runs");
  }

  /**
   * {@code --database-url}: the stack starts no PostgreSQL and the demo's engines run on the
   * given server; its password (with characters that need encoding) is never printed or stored,
   * and {@code down} leaves that server alone. A malformed URL is bad input (exit 2) and an
   * unreachable server a failed start (exit 1) that names the server and not the password.
   */
  @Test
  void givenDatabaseIsUsedAndItsPasswordNeverShown() throws Exception {
    TestDatabase db = TestPostgres.freshDatabase();
    String password = "hunter2#s3cr@t";
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("DROP ROLE IF EXISTS durobs_demo_user");
      st.execute("CREATE ROLE durobs_demo_user LOGIN CREATEDB PASSWORD '" + password + "'");
      st.execute("GRANT ALL ON DATABASE " + db.jdbcUrl().replaceFirst(".*/", "").replaceFirst("\\?.*", "")
          + " TO durobs_demo_user");
    }
    String hostPortDb = db.jdbcUrl().replaceFirst("^jdbc:postgresql://", "").replaceFirst("\\?.*", "");
    String url = "postgres://durobs_demo_user:" + java.net.URLEncoder.encode(password,
        StandardCharsets.UTF_8) + "@" + hostPortDb;
    Path runDir = work.resolve("run");
    Map<String, String> env = Map.of("DUROBS_RUN_DIR", runDir.toString(), "DUROBS_NO_BUILD", "1",
        "DATABASE_URL", "");

    Result bad = durobs(env, "stack", "up", "--mode", "local", "--database-url", "mysql://x/y");
    assertThat(bad.code()).as(bad.toString()).isEqualTo(2);
    assertThat(bad.err()).contains("--database-url").contains("must start with");
    Result unreachable = durobs(env, "stack", "up", "--mode", "local", "--free-ports",
        "--database-url", "postgres://durobs_demo_user:" + "hunter2-unreachable@127.0.0.1:1/x");
    assertThat(unreachable.code()).as(unreachable.toString()).isEqualTo(1);
    assertThat(unreachable.err()).contains("127.0.0.1:1").doesNotContain("hunter2");

    Result up = durobs(env, "stack", "up", "--mode", "local", "--free-ports", "--database-url", url);
    assertThat(up.code()).as(up.toString()).isZero();
    try {
      StackState state = StackState.read(runDir).orElseThrow();
      assertThat(state.externalDatabase()).isTrue();
      assertThat(state.services()).extracting(StackState.Service::name)
          .containsExactly("collector", "alertmanager", "prometheus");
      assertThat(up.out()).contains(hostPortDb, "durobs_demo_user");
      Result status = durobs(env, "stack", "status");
      assertThat(status.code()).as(status.toString()).isZero();
      assertThat(status.out()).containsPattern("database +healthy");

      Result noUrl = durobs(env, "demo", "--timeout", "1s");
      assertThat(noUrl.code()).as(noUrl.toString()).isEqualTo(2);
      assertThat(noUrl.err()).contains("pass --database-url or set DATABASE_URL");
      Result demo = durobs(env, "demo", "--timeout", "1s", "--database-url", url);
      assertThat(demo.code()).as(demo.toString()).isIn(0, 1); // 1 s is too short for every panel
      assertThat(demo.err()).contains("demo: panels");
      for (Result r : List.of(bad, unreachable, up, status, noUrl, demo)) {
        assertThat(r.out() + r.err()).doesNotContain("hunter2", "s3cr");
      }
      assertThat(Files.readString(runDir.resolve(StackState.FILE))).doesNotContain("s3cr");
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        ResultSet rs = st.executeQuery("SELECT count(*) FROM durobs.instances");
        rs.next();
        assertThat(rs.getLong(1)).as("instances the demo's workload created").isPositive();
        rs = st.executeQuery("SELECT count(*) FROM pg_database WHERE datname = 'toygres'");
        rs.next();
        assertThat(rs.getLong(1)).as("the sample app's database").isOne();
      }
    } finally {
      Result down = durobs(env, "stack", "down");
      assertThat(down.code()).as(down.toString()).isZero();
    }
    try (Connection c = db.connect()) {
      assertThat(c.isValid(5)).as("the given server still runs after 'stack down'").isTrue();
    }
    assertThat(runDir).doesNotExist();
  }

  /** The local stack's PostgreSQL directories in the system temp directory (any run's). */
  private static List<Path> postgresDirectories() throws IOException {
    try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return all.filter(p -> p.getFileName().toString().startsWith("durobs-stack-pg-")).toList();
    }
  }

  private static List<String> processesMentioning(String text) {
    return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
        .map(p -> p.info().commandLine().orElse(""))
        .filter(c -> c.contains(text)).toList();
  }

  @Test
  void aNonUtf8ArgumentUnderLangCIsOneLineOfBadInput() throws Exception {
    // a Java String cannot carry the byte 0xff: bash puts it on the command line
    Result r = durobsThroughBash(Map.of("LANG", "C", "LC_ALL", "C", "DUROBS_NO_BUILD", "1"),
        "render $'/tmp/\\xff'");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).as(r.toString()).isEqualTo("render: Invalid value for positional parameter "
        + "at index 0 (ROOT): '/tmp/?' is not a path this system can use (Malformed input or input "
        + "contains unmappable characters for file names in ANSI_X3.4-1968); run under a UTF-8 "
        + "locale, e.g. LANG=C.UTF-8\nTry 'render --help' for more information.\n");
  }

  private Result durobsThroughBash(Map<String, String> env, String args)
      throws IOException, InterruptedException {
    return run(env, List.of("bash", "-c", "exec \"$0\" " + args,
        Checkout.root().resolve("durobs").toString()), args);
  }

  private record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  private Result durobs(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Path root = Checkout.root();
    List<String> cmd = new java.util.ArrayList<>(List.of(root.resolve("durobs").toString()));
    cmd.addAll(List.of(args));
    return run(env, cmd, String.join(" ", args));
  }

  private Result run(Map<String, String> env, List<String> cmd, String shown)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile())
        .redirectError(err.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("durobs " + shown + " did not end in 5 min");
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
