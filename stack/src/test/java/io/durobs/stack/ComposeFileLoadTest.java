package io.durobs.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.toolkit.tools.ProcessRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendered Compose file through compose-go, the library {@code docker compose} loads files
 * with ({@code tools/compose-check}): the Compose specification's schema (health checks,
 * {@code depends_on} conditions, memory limits, port syntax), interpolation, and the required
 * Grafana password, which must stop the load with Compose's own message when it is missing.
 */
class ComposeFileLoadTest {

  @TempDir Path dir;

  private ProcessRun check(Path file, String... env) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(TestCheckout.tools().composeCheck().toString(),
        "-require", ServiceCommands.GRAFANA_ADMIN_PASSWORD_ENV, file.toString()));
    command.addAll(List.of(env));
    return ProcessRun.run(dir, command);
  }

  @Test
  void theComposeFileLoadsWithAPasswordAndRefusesWithoutOne() throws Exception {
    Path compose = StackFiles.writeTo(dir, StackFiles.render()).resolve(StackFiles.COMPOSE_FILE);

    ProcessRun r = check(compose, ServiceCommands.GRAFANA_ADMIN_PASSWORD_ENV + "=s3cret");

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains(": 6 services, valid; without GRAFANA_ADMIN_PASSWORD: ",
        "required variable GRAFANA_ADMIN_PASSWORD is missing a value: " + ServiceCommands.GRAFANA_PASSWORD_MISSING)
        .doesNotContain("s3cret");
  }

  @Test
  void aKeyTheSpecificationDoesNotKnowIsRefused() throws Exception {
    Path compose = dir.resolve("broken.yaml");
    Files.writeString(compose, StackFiles.render().get(StackFiles.COMPOSE_FILE)
        .replace("condition: service_healthy", "condition: service_ready"));

    ProcessRun r = check(compose, ServiceCommands.GRAFANA_ADMIN_PASSWORD_ENV + "=s3cret");

    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    assertThat(r.output()).contains("condition value must be one of 'service_started', 'service_healthy'");
  }
}
