package io.durobs.engine.testing;

import io.durobs.engine.api.Registry;
import io.durobs.engine.runtime.DurableRuntime;
import io.durobs.engine.store.Store;
import io.durobs.engine.store.postgres.PostgresStore;
import io.durobs.testing.postgres.TestDatabase;
import java.time.Duration;

/** Engine settings for tests: short locks, fast polling, so the suite stays quick. */
public final class TestEngines {

  private TestEngines() {}

  /** A store builder pointing at {@code db} (the caller sets pool size, schema, etc.). */
  public static PostgresStore.Builder storeBuilder(TestDatabase db) {
    return PostgresStore.builder().jdbcUrl(db.jdbcUrl()).user(db.user()).password(db.password());
  }

  /** A store on {@code db} with a pool big enough for a test runtime and its assertions. */
  public static PostgresStore store(TestDatabase db) {
    return storeBuilder(db).maxPoolSize(16).connectTimeout(Duration.ofSeconds(5))
        .lockTimeout(Duration.ofSeconds(5)).build();
  }

  /** A runtime builder with test timings over {@code store} (the test owns the store). */
  public static DurableRuntime.Builder runtime(Store store, Registry registry) {
    return DurableRuntime.builder()
        .store(store)
        .registry(registry)
        .orchestrationConcurrency(4)
        .workerConcurrency(6)
        .orchestrationLockTimeout(Duration.ofSeconds(3))
        .workerLockTimeout(Duration.ofSeconds(3))
        .pollInterval(Duration.ofMillis(2), Duration.ofMillis(25))
        .retryDelay(Duration.ofMillis(50))
        .gaugeRefreshInterval(Duration.ofMillis(200))
        .shutdownGrace(Duration.ofSeconds(2));
  }
}
