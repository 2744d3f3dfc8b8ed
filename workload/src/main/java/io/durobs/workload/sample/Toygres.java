package io.durobs.workload.sample;

import io.durobs.engine.api.ActivityContext;
import io.durobs.engine.api.DurableClient;
import io.durobs.engine.api.DurableTask;
import io.durobs.engine.api.OrchestrationContext;
import io.durobs.engine.api.Registry;
import io.durobs.engine.api.RetryPolicy;
import io.durobs.engine.api.TaskFailedException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Toygres-like sample application (the managed-PostgreSQL control plane the observability work
 * was first built for): create-instance, delete-instance and the instance-actor health loop, over
 * simulated Kubernetes and CMS activities whose latency and failure rates are configurable. The
 * telemetry and harness work drive it to produce realistic metrics.
 *
 * <p>Flows (after toygres' {@code toygres-orchestrations}):
 * <ul>
 *   <li>{@value #CREATE_INSTANCE}: record the instance, deploy, poll readiness (activity plus
 *       timer), get connection strings and test the connection (both with retry policies), mark
 *       it running and start its actor as a detached orchestration. On failure: mark it failed,
 *       free its DNS name, run {@value #DELETE_INSTANCE} as a cleanup sub-orchestration, fail.
 *   <li>{@value #DELETE_INSTANCE}: look it up, mark deleting, delete the deployment (retried),
 *       mark deleted, delete the record, free the DNS name, tell the actor.
 *   <li>{@value #INSTANCE_ACTOR}: a continue-as-new loop: read the connection (end when the
 *       record is gone), test it, record the health check, then race a timer against the
 *       {@value #INSTANCE_DELETED} event: the event ends the actor, the timer continues as new.
 * </ul>
 */
public final class Toygres {

  public static final String CREATE_INSTANCE = "toygres::create-instance";
  public static final String DELETE_INSTANCE = "toygres::delete-instance";
  public static final String INSTANCE_ACTOR = "toygres::instance-actor";
  public static final String INSTANCE_DELETED = "InstanceDeleted";

  /** How the simulated world behaves. */
  public record Config(
      Duration minLatency,
      Duration maxLatency,
      Map<String, Double> failureRates,
      Duration readyPollInterval,
      int readyPolls,
      Duration healthCheckInterval) {

    public Config {
      failureRates = Map.copyOf(failureRates);
    }

    /** Fast settings for tests: 1-10 ms activities, no failures, 100 ms health checks. */
    public static Config fast() {
      return new Config(Duration.ofMillis(1), Duration.ofMillis(10), Map.of(),
          Duration.ofMillis(50), 20, Duration.ofMillis(100));
    }

    /** The same settings with {@code activity} failing at {@code rate} (0..1). */
    public Config failing(String activity, double rate) {
      Map<String, Double> rates = new java.util.HashMap<>(failureRates);
      rates.put(activity, rate);
      return new Config(minLatency, maxLatency, rates, readyPollInterval, readyPolls,
          healthCheckInterval);
    }
  }

  /** A CMS record: the simulated control-plane database row of one instance. */
  public record CmsRecord(String k8sName, String state, String dnsName, String connection,
      String health, String actorId) {}

  /** Input of create-instance. */
  public record CreateRequest(String name) {}

  private final Config config;
  private final Map<String, CmsRecord> cms = new ConcurrentHashMap<>();
  private final Map<String, Integer> readinessPolls = new ConcurrentHashMap<>();
  private volatile DurableClient client;

  public Toygres(Config config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The simulated CMS rows by k8s name (for assertions and dashboards of the sample). */
  public Map<String, CmsRecord> cms() {
    return cms;
  }

  /** Lets the {@code raise-event} activity signal actors (toygres' raise-event activity). */
  public void bindClient(DurableClient client) {
    this.client = client;
  }

  /** The instance id create-instance uses for a name. */
  public static String createId(String name) {
    return "create-" + name;
  }

  /** The instance id of the actor of a k8s name. */
  public static String actorId(String k8sName) {
    return "actor-" + k8sName;
  }

  /** The orchestrations and activities. */
  public Registry registry() {
    Registry.Builder b = Registry.builder()
        .orchestration(CREATE_INSTANCE, this::createInstance)
        .orchestration(DELETE_INSTANCE, this::deleteInstance)
        .orchestration(INSTANCE_ACTOR, this::instanceActor)
        .event(INSTANCE_DELETED);
    activity(b, "cms-create-instance-record", ctx -> {
      String k8s = ctx.input(String.class);
      cms.put(k8s, new CmsRecord(k8s, "creating", k8s + ".example.test", null, "unknown", null));
      return k8s;
    });
    activity(b, "deploy-postgres", ctx -> ctx.input(String.class));
    activity(b, "wait-for-ready", ctx -> readinessPolls.merge(ctx.input(String.class), 1,
        Integer::sum) >= 2);
    activity(b, "get-connection-strings", ctx ->
        "postgres://app@" + ctx.input(String.class) + ".example.test:5432/app");
    activity(b, "test-connection", ctx -> "PostgreSQL 17.2");
    activity(b, "cms-update-instance-state", ctx -> {
      String[] p = ctx.input(String[].class);
      cms.computeIfPresent(p[0], (k, r) -> new CmsRecord(k, p[1], r.dnsName(),
          p.length > 2 ? p[2] : r.connection(), r.health(), r.actorId()));
      return null;
    });
    activity(b, "cms-free-dns-name", ctx -> {
      String k8s = ctx.input(String.class);
      cms.computeIfPresent(k8s, (k, r) -> new CmsRecord(k, r.state(), "__deleted_" + r.dnsName(),
          r.connection(), r.health(), r.actorId()));
      return null;
    });
    activity(b, "cms-record-instance-actor", ctx -> {
      String k8s = ctx.input(String.class);
      cms.computeIfPresent(k8s, (k, r) -> new CmsRecord(k, r.state(), r.dnsName(),
          r.connection(), r.health(), actorId(k)));
      return null;
    });
    activity(b, "cms-get-instance-by-k8s-name", ctx -> cms.get(ctx.input(String.class)) != null);
    activity(b, "delete-postgres", ctx -> null);
    activity(b, "cms-delete-instance-record", ctx -> cms.remove(ctx.input(String.class)) != null);
    activity(b, "cms-get-instance-connection", ctx -> {
      CmsRecord r = cms.get(ctx.input(String.class));
      return r == null ? Map.of("found", false)
          : Map.of("found", true, "connection", String.valueOf(r.connection()));
    });
    activity(b, "cms-record-health-check", ctx -> null);
    activity(b, "cms-update-instance-health", ctx -> {
      String[] p = ctx.input(String[].class);
      cms.computeIfPresent(p[0], (k, r) -> new CmsRecord(k, r.state(), r.dnsName(),
          r.connection(), p[1], r.actorId()));
      return null;
    });
    activity(b, "raise-event", ctx -> {
      String[] p = ctx.input(String[].class);
      DurableClient c = client;
      if (c != null) {
        try {
          c.raiseEvent(p[0], p[1], null);
        } catch (io.durobs.engine.api.InstanceNotFoundException e) {
          return false; // the instance failed before its actor started
        }
      }
      return null;
    });
    return b.build();
  }

  /** A simulated activity: latency and failure rate from the config, then {@code body}. */
  private void activity(Registry.Builder b, String name, SimulatedBody body) {
    b.activity(name, ctx -> {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      long min = config.minLatency().toMillis();
      long max = Math.max(min, config.maxLatency().toMillis());
      Thread.sleep(min + (max > min ? random.nextLong(max - min + 1) : 0));
      double rate = config.failureRates().getOrDefault(name, 0.0);
      if (rate > 0 && random.nextDouble() < rate) {
        throw new IllegalStateException("simulated failure of " + name);
      }
      return body.run(ctx);
    });
  }

  @FunctionalInterface
  private interface SimulatedBody {
    Object run(ActivityContext ctx) throws Exception;
  }

  // ---- orchestrations -----------------------------------------------------------------------

  private Object createInstance(OrchestrationContext ctx) {
    String name = ctx.input(CreateRequest.class).name();
    String k8s = name + "-" + ctx.newUuid().toString().substring(0, 8);
    ctx.callActivity("cms-create-instance-record", k8s, String.class).await();
    try {
      ctx.callActivity("deploy-postgres", k8s, String.class).await();
      boolean ready = false;
      for (int i = 0; i < config.readyPolls() && !ready; i++) {
        ready = ctx.callActivity("wait-for-ready", k8s, Boolean.class).await();
        if (!ready) {
          ctx.createTimer(config.readyPollInterval()).await();
        }
      }
      if (!ready) {
        throw new IllegalStateException("Timeout: " + k8s + " never became ready");
      }
      String connection = ctx.callActivity("get-connection-strings", k8s, String.class,
          RetryPolicy.builder(5).linear(Duration.ofMillis(20)).maxDelay(Duration.ofMillis(100))
              .attemptTimeout(Duration.ofSeconds(120)).build()).await();
      ctx.callActivity("test-connection", connection, String.class,
          RetryPolicy.builder(5).exponential(Duration.ofMillis(20), 2.0)
              .maxDelay(Duration.ofMillis(300)).attemptTimeout(Duration.ofSeconds(60)).build())
          .await();
      ctx.callActivity("cms-update-instance-state", new String[] {k8s, "running", connection},
          Void.class).await();
      ctx.startOrchestration(INSTANCE_ACTOR, actorId(k8s), k8s);
      ctx.callActivity("cms-record-instance-actor", k8s, Void.class).await();
      ctx.logger().info("instance {} is running", k8s);
      return k8s;
    } catch (TaskFailedException | IllegalStateException e) {
      ctx.logger().warn("creating {} failed, cleaning up: {}", k8s, e.getMessage());
      ctx.callActivity("cms-update-instance-state", new String[] {k8s, "failed"}, Void.class)
          .await();
      ctx.callActivity("cms-free-dns-name", k8s, Void.class).await();
      ctx.callSubOrchestration(DELETE_INSTANCE, null, "cleanup-" + k8s, k8s, String.class)
          .await();
      throw new IllegalStateException("create-instance " + k8s + " failed: " + e.getMessage());
    }
  }

  private Object deleteInstance(OrchestrationContext ctx) {
    String k8s = ctx.input(String.class);
    boolean exists = ctx.callActivity("cms-get-instance-by-k8s-name", k8s, Boolean.class,
        RetryPolicy.builder(3).fixed(Duration.ofMillis(20)).attemptTimeout(Duration.ofSeconds(10))
            .build()).await();
    if (!exists) {
      return "not found";
    }
    ctx.callActivity("cms-update-instance-state", new String[] {k8s, "deleting"}, Void.class)
        .await();
    ctx.callActivity("delete-postgres", k8s, Void.class, RetryPolicy.builder(3)
        .exponential(Duration.ofMillis(20), 2.0).maxDelay(Duration.ofMillis(100))
        .attemptTimeout(Duration.ofSeconds(60)).build()).await();
    ctx.callActivity("cms-update-instance-state", new String[] {k8s, "deleted"}, Void.class)
        .await();
    ctx.callActivity("cms-delete-instance-record", k8s, Boolean.class).await();
    ctx.callActivity("cms-free-dns-name", k8s, Void.class).await();
    ctx.callActivity("raise-event", new String[] {actorId(k8s), INSTANCE_DELETED}, Void.class)
        .await();
    return "deleted";
  }

  @SuppressWarnings("unchecked")
  private Object instanceActor(OrchestrationContext ctx) {
    String k8s = ctx.input(String.class);
    Map<String, Object> conn = ctx.callActivity("cms-get-instance-connection", k8s, Map.class,
        RetryPolicy.builder(3).exponential(Duration.ofMillis(20), 2.0)
            .attemptTimeout(Duration.ofSeconds(30)).build()).await();
    if (!Boolean.TRUE.equals(conn.get("found"))) {
      return "instance gone";
    }
    Instant before = ctx.currentTime();
    String status;
    try {
      ctx.callActivity("test-connection", conn.get("connection"), String.class,
          RetryPolicy.builder(3).linear(Duration.ofMillis(20))
              .attemptTimeout(Duration.ofSeconds(30)).build()).await();
      status = "healthy";
    } catch (TaskFailedException e) {
      status = "unhealthy";
    }
    long millis = Duration.between(before, ctx.currentTime()).toMillis();
    ctx.callActivity("cms-record-health-check", Map.of("k8s", k8s, "status", status,
        "response_time_ms", millis), Void.class).await();
    ctx.callActivity("cms-update-instance-health", new String[] {k8s, status}, Void.class)
        .await();
    DurableTask<Void> nextCheck = ctx.createTimer(config.healthCheckInterval());
    DurableTask<String> deleted = ctx.waitForEvent(INSTANCE_DELETED, String.class);
    if (ctx.anyOf(nextCheck, deleted).await() == deleted) {
      return "deleted";
    }
    ctx.continueAsNew(k8s);
    return null;
  }
}
