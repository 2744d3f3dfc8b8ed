package io.durobs.cli.stack;

import io.durobs.stack.ComposeFile;
import io.durobs.stack.ServiceCommands;
import io.durobs.stack.StackEndpoints;
import io.durobs.stack.StackFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The stack through Docker: {@code generated/docker-compose.yaml} as it is (Grafana and Loki
 * included), project {@value ComposeFile#PROJECT}, on the standard ports of
 * {@link StackEndpoints#defaults()}. Used when a Docker engine answers ({@code docker info}); the
 * commands are Compose's own, so {@code down} removes exactly this project's containers.
 */
final class DockerStack {

  private static final long TIMEOUT_MINUTES = 10;

  private final Path root;
  private final PrintStream progress;

  DockerStack(Path root, PrintStream progress) {
    this.root = root;
    this.progress = progress;
  }

  /** Whether a Docker engine answers; {@code docker} missing from the PATH means no. */
  static boolean available() {
    try {
      Process p = new ProcessBuilder("docker", "info").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** {@code docker compose up -d --wait}; the state lists the published URLs. */
  StackState up() {
    compose("up", "-d", "--wait");
    StackEndpoints d = StackEndpoints.defaults();
    List<StackState.Service> services = new ArrayList<>();
    services.add(service("grafana", "http://localhost:" + d.grafana().port(),
        "http://localhost:" + d.grafana().port() + "/api/health"));
    services.add(service("prometheus", "http://localhost:" + d.prometheus().port(),
        "http://localhost:" + d.prometheus().port() + "/-/ready"));
    services.add(service("alertmanager", "http://localhost:" + d.alertmanager().port(),
        "http://localhost:" + d.alertmanager().port() + "/-/ready"));
    services.add(service("loki", "http://localhost:" + d.loki().port(),
        "http://localhost:" + d.loki().port() + "/ready"));
    services.add(service("collector", "http://localhost:" + d.otlpHttp().port(),
        "http://localhost:" + d.healthCheck().port() + "/"));
    String db = "jdbc:postgresql://localhost:" + d.postgres().port() + "/"
        + ServiceCommands.POSTGRES_DATABASE;
    return new StackState("docker", services, "http://localhost:" + d.prometheus().port(),
        "http://localhost:" + d.alertmanager().port(), "http://localhost:" + d.otlpHttp().port(),
        db, ServiceCommands.POSTGRES_DATABASE, null, null, false);
  }

  /** {@code docker compose down} (volumes kept). */
  void down() {
    compose("down");
  }

  /** {@code docker compose ps}, printed as it is. */
  void status() {
    compose("ps");
  }

  private static StackState.Service service(String name, String url, String health) {
    return new StackState.Service(name, 0, 0, url, health, null);
  }

  private void compose(String... args) {
    Path file = root.resolve("generated").resolve(StackFiles.COMPOSE_FILE);
    if (!Files.isRegularFile(file)) {
      throw new StackException("no " + file + ": run 'durobs render' first");
    }
    List<String> cmd = new ArrayList<>(List.of("docker", "compose", "-f", file.toString(),
        "-p", ComposeFile.PROJECT));
    cmd.addAll(List.of(args));
    progress.println("durobs: " + String.join(" ", cmd));
    try {
      Process p = new ProcessBuilder(cmd).inheritIO().start();
      if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new StackException(String.join(" ", cmd) + " did not finish in "
            + TIMEOUT_MINUTES + " minutes");
      }
      if (p.exitValue() != 0) {
        throw new StackException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + ")");
      }
    } catch (IOException e) {
      throw new StackException("cannot run docker: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted: " + String.join(" ", cmd), e);
    }
  }
}
