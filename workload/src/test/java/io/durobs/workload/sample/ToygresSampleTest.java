package io.durobs.workload.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.engine.api.DurableClient;
import io.durobs.engine.api.OrchestrationState;
import io.durobs.engine.api.OrchestrationStatus;
import io.durobs.engine.api.Registry;
import io.durobs.engine.runtime.DurableRuntime;
import io.durobs.engine.store.postgres.PostgresStore;
import io.durobs.testing.postgres.TestDatabase;
import io.durobs.testing.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Toygres-like sample: its create, actor and delete flows and its failure cleanup. */
class ToygresSampleTest {

  private TestDatabase db;
  private PostgresStore store;
  private final List<DurableRuntime> runtimes = new ArrayList<>();

  @BeforeEach
  void freshDatabase() {
    db = TestPostgres.freshDatabase();
    store = PostgresStore.builder().jdbcUrl(db.jdbcUrl()).user(db.user()).password(db.password())
        .build();
  }

  @AfterEach
  void close() {
    runtimes.forEach(DurableRuntime::close);
    store.close();
  }

  /** A runtime on the sample's own defaults, polling fast so the test is quick. */
  private DurableRuntime start(Registry registry) {
    DurableRuntime rt = DurableRuntime.builder().store(store).registry(registry)
        .pollInterval(Duration.ofMillis(2), Duration.ofMillis(25)).build().start();
    runtimes.add(rt);
    return rt;
  }

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void createRunsTheActorLoopUntilDeleteSignalsIt() throws Exception {
    Toygres toygres = new Toygres(Toygres.Config.fast());
    DurableRuntime rt = start(toygres.registry());
    DurableClient client = rt.client();
    toygres.bindClient(client);

    client.startOrchestration(Toygres.CREATE_INSTANCE, Toygres.createId("db1"),
        new Toygres.CreateRequest("db1"));
    OrchestrationStatus created = client.waitForCompletion(Toygres.createId("db1"), WAIT);
    assertThat(created.state()).isEqualTo(OrchestrationState.COMPLETED);
    String k8s = created.output(String.class);
    assertThat(k8s).startsWith("db1-");
    assertThat(toygres.cms().get(k8s).state()).isEqualTo("running");

    String actor = Toygres.actorId(k8s);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (client.getStatus(actor).map(OrchestrationStatus::executionId).orElse(0L) < 3
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(client.getStatus(actor).orElseThrow().executionId())
        .as("the actor continued as new per health check").isGreaterThanOrEqualTo(3);
    assertThat(toygres.cms().get(k8s).health()).isEqualTo("healthy");

    client.startOrchestration(Toygres.DELETE_INSTANCE, "delete-" + k8s, k8s);
    assertThat(client.waitForCompletion("delete-" + k8s, WAIT).output(String.class))
        .isEqualTo("deleted");
    OrchestrationStatus actorEnd = client.waitForCompletion(actor, WAIT);
    assertThat(actorEnd.state()).isEqualTo(OrchestrationState.COMPLETED);
    assertThat(actorEnd.output(String.class)).isIn("deleted", "instance gone");
    assertThat(toygres.cms()).doesNotContainKey(k8s);
  }

  @Test
  void failedDeploymentIsCleanedUpByASubOrchestration() throws Exception {
    Toygres toygres = new Toygres(Toygres.Config.fast().failing("deploy-postgres", 1.0));
    DurableRuntime rt = start(toygres.registry());
    DurableClient client = rt.client();
    toygres.bindClient(client);

    client.startOrchestration(Toygres.CREATE_INSTANCE, Toygres.createId("bad"),
        new Toygres.CreateRequest("bad"));
    OrchestrationStatus status = client.waitForCompletion(Toygres.createId("bad"), WAIT);

    assertThat(status.state()).isEqualTo(OrchestrationState.FAILED);
    assertThat(status.failure().message()).contains("simulated failure of deploy-postgres");
    String cleanup = childOf(Toygres.createId("bad"));
    assertThat(cleanup).startsWith("cleanup-bad-");
    assertThat(client.getStatus(cleanup).orElseThrow().output(String.class))
        .isEqualTo("deleted");
    assertThat(toygres.cms()).isEmpty();
  }

  /** The instance id of the first child the engine recorded for {@code parent}. */
  private String childOf(String parent) throws SQLException {
    try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
        "SELECT instance_id FROM durobs.instances WHERE parent_instance_id = ?")) {
      ps.setString(1, parent);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as("a child of %s", parent).isTrue();
        return rs.getString(1);
      }
    }
  }
}
