package io.durobs.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durobs.engine.api.DurableClient;
import io.durobs.engine.api.InstanceAlreadyExistsException;
import io.durobs.engine.api.OrchestrationState;
import io.durobs.engine.api.Registry;
import io.durobs.engine.store.Store;
import io.durobs.engine.store.StoreErrorType;
import io.durobs.engine.store.StoreException;
import io.durobs.engine.testing.EngineTestBase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The client's retry over the real store, with the one fault PostgreSQL cannot be made to produce
 * on demand: the connection lost after the server committed, before the reply arrived (the
 * reply-lost window). The outage itself (a stopped server) is in OutageTest.
 */
class ClientRetryTest extends EngineTestBase {

  private static final Registry REGISTRY = Registry.builder()
      .orchestration("wait", ctx -> ctx.waitForEvent("go", String.class).await())
      .build();

  /** {@code store}, with the first {@code method} call committing and then losing its reply. */
  private static Store replyLostOnce(String method, AtomicInteger calls) {
    return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(),
        new Class<?>[] {Store.class}, (proxy, m, args) -> {
          try {
            Object result = m.invoke(store, args);
            if (m.getName().equals(method) && calls.incrementAndGet() == 1) {
              throw new StoreException(method + " failed (connection, SQLSTATE 08006): reply"
                  + " lost", StoreErrorType.CONNECTION, "08006", null);
            }
            return result;
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private static DurableClient client(Store s, ClientRetry retry) {
    return DurableRuntime.clientBuilder(s, REGISTRY).clientRetry(retry).build();
  }

  @Test
  void aStartWhoseCommittedReplyWasLostIsRetriedAndReturnsTheInstance() {
    AtomicInteger calls = new AtomicInteger();
    DurableClient c = client(replyLostOnce("createInstance", calls),
        ClientRetry.of(3, Duration.ofMillis(1), Duration.ofMillis(2)));
    assertThat(c.startOrchestration("wait", "retried-start", "in")).isEqualTo("retried-start");
    assertThat(calls).hasValue(2);
    assertThat(c.getStatus("retried-start").orElseThrow().state())
        .isEqualTo(OrchestrationState.RUNNING);
    // a later, separate start of the same id is still a conflict
    assertThatThrownBy(() -> c.startOrchestration("wait", "retried-start", "in"))
        .isInstanceOf(InstanceAlreadyExistsException.class);
    // and so is a retried start that finds a different instance under its id
    AtomicInteger other = new AtomicInteger();
    DurableClient c2 = client(replyLostOnce("createInstance", other), ClientRetry.DEFAULT);
    c2.startOrchestration("wait", "taken", "first");
    assertThatThrownBy(() -> client(store, ClientRetry.DEFAULT)
        .startOrchestration("wait", "taken", "second"))
        .isInstanceOf(InstanceAlreadyExistsException.class);
  }

  @Test
  void anEventWhoseReplyMayHaveBeenLostIsNotRaisedTwice() {
    client(store, ClientRetry.DEFAULT).startOrchestration("wait", "one-event", "in");
    AtomicInteger calls = new AtomicInteger();
    DurableClient c = client(replyLostOnce("enqueueForInstance", calls), ClientRetry.DEFAULT);
    assertThatThrownBy(() -> c.raiseEvent("one-event", "go", "x"))
        .isInstanceOf(StoreException.class)
        .satisfies(e -> assertThat(((StoreException) e).notApplied()).isFalse());
    assertThat(calls).hasValue(1);
  }

  @Test
  void withoutRetryTheFirstFailureReachesTheCaller() {
    AtomicInteger calls = new AtomicInteger();
    DurableClient c = client(replyLostOnce("createInstance", calls), ClientRetry.NONE);
    assertThatThrownBy(() -> c.startOrchestration("wait", "no-retry", "in"))
        .isInstanceOf(StoreException.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  void badPoliciesAreRejectedByName() {
    assertThatThrownBy(() -> ClientRetry.of(0, Duration.ofMillis(1), Duration.ofMillis(1)))
        .hasMessageContaining("maxAttempts must be >= 1");
    assertThatThrownBy(() -> ClientRetry.of(2, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("maxBackoff");
  }
}
