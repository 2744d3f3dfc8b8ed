package io.durobs.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.durobs.engine.api.DurableClient;
import io.durobs.engine.api.OrchestrationState;
import io.durobs.engine.api.Registry;
import io.durobs.engine.store.postgres.PostgresStore;
import io.durobs.engine.testing.TestEngines;
import io.durobs.engine.testing.TestPostgres;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void helloChain() {
    Registry registry = Registry.builder()
        .activity("greet", ctx -> "hello " + ctx.input(String.class))
        .orchestration("hello", ctx -> {
          String a = ctx.callActivity("greet", ctx.input(String.class), String.class).await();
          String b = ctx.callActivity("greet", a, String.class).await();
          return b;
        })
        .build();
    try (PostgresStore store = TestEngines.store(TestPostgres.freshDatabase());
        DurableRuntime rt = TestEngines.runtime(store, registry).build().start()) {
      DurableClient client = rt.client();
      long t0 = System.nanoTime();
      client.startOrchestration("hello", "h1", "world");
      var status = client.waitForCompletion("h1", Duration.ofSeconds(20));
      System.out.println("took " + (System.nanoTime() - t0) / 1e6 + " ms");
      assertThat(status.state()).isEqualTo(OrchestrationState.COMPLETED);
      assertThat(status.output(String.class)).isEqualTo("hello hello world");
    }
  }
}
