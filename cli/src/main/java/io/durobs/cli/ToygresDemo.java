package io.durobs.cli;

import io.durobs.engine.api.DurableClient;
import io.durobs.engine.runtime.DurableRuntime;
import io.durobs.engine.store.postgres.DatabaseUrl;
import io.durobs.engine.store.postgres.PostgresStore;
import io.durobs.engine.telemetry.Telemetry;
import io.durobs.workload.sample.Toygres;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Toygres-like sample app as the demo's second engine process: it creates a database instance
 * every two seconds and deletes the oldest once three exist (create, actor health loop, delete),
 * with simulated activity latency, exporting telemetry by the {@code OTEL_*} environment. It runs
 * until its standard input closes, which is how {@link #stop(Process)} (or the parent's death)
 * ends it.
 */
public final class ToygresDemo {

  /** The sample's database on the stack's server. */
  static final String DATABASE = "toygres";

  private static final Duration CREATE_EVERY = Duration.ofSeconds(2);
  private static final int KEEP = 3;

  private ToygresDemo() {}

  /**
   * The environment variable that carries the database password to the child JVM: never on its
   * command line, which every user of the machine can read.
   */
  private static final String PASSWORD_ENV = "DUROBS_TOYGRES_DB_PASSWORD";

  /** Arguments: JDBC URL (no credentials), user; the password comes from {@value #PASSWORD_ENV}. */
  public static void main(String[] args) throws Exception {
    String password = System.getenv().getOrDefault(PASSWORD_ENV, "");
    Toygres toygres = new Toygres(new Toygres.Config(Duration.ofMillis(20), Duration.ofMillis(200),
        Map.of(), Duration.ofMillis(200), 10, Duration.ofSeconds(2)));
    try (Telemetry telemetry = Telemetry.builder().build();
        PostgresStore store = PostgresStore.builder().jdbcUrl(args[0])
            .user(args[1].isEmpty() ? null : args[1]).password(password).build();
        DurableRuntime runtime = DurableRuntime.builder().store(store).registry(toygres.registry())
            .openTelemetry(telemetry.openTelemetry()).build().start()) {
      DurableClient client = runtime.client();
      toygres.bindClient(client);
      Thread driver = new Thread(() -> drive(client), "toygres-driver");
      driver.setDaemon(true);
      driver.start();
      while (System.in.read() >= 0) {
        // runs until stdin closes
      }
      driver.interrupt();
    }
  }

  private static void drive(DurableClient client) {
    Deque<String> created = new ArrayDeque<>();
    try {
      for (int n = 1; !Thread.currentThread().isInterrupted(); n++) {
        String name = "demo" + n;
        client.startOrchestration(Toygres.CREATE_INSTANCE, Toygres.createId(name),
            new Toygres.CreateRequest(name));
        String k8s = client.waitForCompletion(Toygres.createId(name), Duration.ofSeconds(30))
            .output(String.class);
        if (k8s != null) {
          created.add(k8s);
        }
        if (created.size() > KEEP) {
          String old = created.poll();
          client.startOrchestration(Toygres.DELETE_INSTANCE, "delete-" + old, old);
        }
        Thread.sleep(CREATE_EVERY.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      System.err.println("toygres: " + e.getMessage());
    }
  }

  /** Starts the sample in a child JVM of this one's classpath, output to the caller's stderr. */
  static Process launch(DatabaseUrl database, Map<String, String> otel, PrintStream progress)
      throws java.io.IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m",
        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-cp",
        System.getProperty("java.class.path"), ToygresDemo.class.getName(), database.jdbcUrl(),
        database.user() == null ? "" : database.user()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    otel.forEach((k, v) -> pb.environment().put(k.toUpperCase().replace('.', '_'), v));
    pb.environment().put(PASSWORD_ENV, database.password() == null ? "" : database.password());
    progress.println("demo: starting the Toygres sample app (creates and deletes an instance"
        + " every " + CREATE_EVERY.toSeconds() + " s)");
    return pb.start();
  }

  /** Closes its stdin and waits for it; kills it if it does not end within 15 s. */
  static void stop(Process p) {
    try {
      p.getOutputStream().close();
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (java.io.IOException e) {
      p.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
  }
}
