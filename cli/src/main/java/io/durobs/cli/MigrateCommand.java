package io.durobs.cli;

import io.durobs.cli.stack.Databases;
import io.durobs.engine.store.StoreException;
import io.durobs.engine.store.postgres.DatabaseUrl;
import io.durobs.engine.store.postgres.PostgresStore;
import io.durobs.toolkit.cli.CommandLines;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code durobs migrate --database-url URL [--schema S]}: the engine's schema migrations as a
 * separate step, run with a login that may create the schema (its owner), so that the engines
 * themselves can run with read/write rights only
 * ({@code PostgresStore.builder().migrate(false)}, which checks the version instead).
 */
@Command(name = "migrate", description = "Create or upgrade the engine's schema in PostgreSQL "
    + "(run it as the schema's owner; engines built with migrate(false) then need only "
    + "read/write rights). Prints the version before and after.")
final class MigrateCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private CommandLines.Help help;

  @Option(names = "--database-url", paramLabel = "URL", defaultValue = "${env:DATABASE_URL}",
      description = "jdbc:postgresql://host:port/db?user=..&password=.. or "
          + "postgres://user:pass@host:port/db (default: $DATABASE_URL)")
  private String databaseUrl;

  @Option(names = "--schema", paramLabel = "NAME", defaultValue = "durobs",
      description = "the schema of the engine's tables (default: ${DEFAULT-VALUE})")
  private String schema;

  @Override
  public Integer call() {
    PostgresStore.Builder builder;
    try {
      Optional<DatabaseUrl> url = Databases.given(databaseUrl);
      if (url.isEmpty()) {
        throw new ParameterException(spec.commandLine(),
            "no database given: --database-url URL or DATABASE_URL");
      }
      builder = PostgresStore.builder().databaseUrl(databaseUrl).schema(schema)
          .maxPoolSize(1).connectTimeout(Duration.ofSeconds(10));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    try {
      PostgresStore.SchemaMigration m = PostgresStore.migrate(builder);
      Streams.out(spec).println(m.fromVersion() == m.toVersion()
          ? "durobs: schema " + m.schema() + " is at version " + m.toVersion() + " (current)"
          : "durobs: schema " + m.schema() + " migrated from version " + m.fromVersion()
              + " to " + m.toVersion());
      if (m.historyFormatToSwitch()) {
        Streams.out(spec).println("durobs: its history stays a row per event while engines of"
            + " version " + m.fromVersion() + " may run; once they have all stopped: UPDATE "
            + m.schema() + ".history_format SET row_per_turn = true, then restart the engines");
      }
      return CommandLines.OK;
    } catch (StoreException e) {
      Streams.err(spec).println("durobs: " + e.getMessage().lines().findFirst().orElse(""));
      return CommandLines.FAILED;
    }
  }
}
