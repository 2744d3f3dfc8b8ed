package io.durobs.cli.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code durobs stack up} started, kept as {@value #FILE} in the run folder so that later
 * commands ({@code status}, {@code down}, {@code demo}, {@code validate}) find it.
 *
 * @param mode {@code local} (processes) or {@code docker} (the Compose project)
 * @param services the servers, in start order
 * @param prometheusUrl Prometheus' base URL
 * @param alertmanagerUrl Alertmanager's base URL
 * @param otlpEndpoint the collector's OTLP/HTTP endpoint
 * @param databaseUrl the engine database's JDBC URL (no credentials)
 * @param databaseUser its login
 * @param postgresDir the local PostgreSQL's directory (local mode), removed by {@code down}
 * @param logRecords the collector's file exporter output (local mode: no Loki)
 * @param externalDatabase whether the database is a server the user gave ({@code --database-url}
 *     or {@code DATABASE_URL}) rather than one the stack started; its password is never stored,
 *     so later commands need the URL again
 */
public record StackState(String mode, List<Service> services, String prometheusUrl,
    String alertmanagerUrl, String otlpEndpoint, String databaseUrl, String databaseUser,
    String postgresDir, String logRecords, boolean externalDatabase) {

  /** The state file's name in the run folder. */
  public static final String FILE = "state.json";

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * One server.
   *
   * @param name its name ({@code postgres}, {@code collector}, ...)
   * @param pid its process id (0 in docker mode)
   * @param startedMillis the process' start time as the OS reports it, so that {@code down} never
   *     signals a later process that reuses the id
   * @param url where a person reaches it
   * @param healthUrl what answers 200 when it is ready (null for PostgreSQL)
   * @param log its output file
   */
  public record Service(String name, long pid, long startedMillis, String url, String healthUrl,
      String log) {

    /** The process, if it is still the one that was started. */
    public Optional<ProcessHandle> process() {
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
          .filter(h -> h.info().startInstant().map(Instant::toEpochMilli)
              .map(t -> Math.abs(t - startedMillis) < 1000).orElse(false));
    }
  }

  /** Reads the state of {@code runDir}, if there is one. */
  public static Optional<StackState> read(Path runDir) {
    Path f = runDir.resolve(FILE);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(f.toFile(), StackState.class));
    } catch (IOException e) {
      // a torn or foreign file: treated as no state; up and down then clean the folder
      return Optional.empty();
    }
  }

  /** Writes the state into {@code runDir} in one rename. */
  public void write(Path runDir) {
    try {
      Path tmp = runDir.resolve(FILE + ".tmp");
      JSON.writeValue(tmp.toFile(), this);
      Files.move(tmp, runDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + runDir.resolve(FILE), e);
    }
  }
}
