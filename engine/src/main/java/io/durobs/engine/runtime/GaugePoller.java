package io.durobs.engine.runtime;

import static io.durobs.engine.catalogue.MetricCatalogue.ACTIVE_ORCHESTRATIONS;
import static io.durobs.engine.catalogue.MetricCatalogue.DISPATCHER_SLOTS;
import static io.durobs.engine.catalogue.MetricCatalogue.ORCHESTRATOR_QUEUE_DEPTH;
import static io.durobs.engine.catalogue.MetricCatalogue.WORKER_QUEUE_DEPTH;

import io.durobs.engine.store.GaugeSnapshot;
import io.durobs.engine.store.Store;
import io.durobs.engine.store.StoreException;
import io.durobs.engine.store.WaitState;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the cluster-wide gauge values from the store on a fixed interval and serves the gauge
 * callbacks from that cache (a callback never calls the store). Every registered orchestration
 * reports every state, zero included, so a state that empties drops to 0 instead of vanishing.
 */
final class GaugePoller {

  private static final Logger LOG = LoggerFactory.getLogger(GaugePoller.class);

  private final Store store;
  private final EngineMetrics metrics;
  private final java.util.Set<String> registered;
  private volatile GaugeSnapshot last;

  GaugePoller(Store store, EngineMetrics metrics, java.util.Set<String> registered) {
    this.store = store;
    this.metrics = metrics;
    this.registered = registered;
  }

  /** Registers the four gauges; dispatchers report their own slots. */
  void register(Dispatcher<?> orchestrations, Dispatcher<?> workers) {
    var instruments = metrics.instruments();
    instruments.registerGauge(ACTIVE_ORCHESTRATIONS, sink -> {
      GaugeSnapshot s = last;
      if (s == null) {
        return;
      }
      activeByLabel(s).forEach((name, states) -> states.forEach((state, count) ->
          sink.report(count, "orchestration_name", name, "state", state.label())));
    });
    instruments.registerGauge(ORCHESTRATOR_QUEUE_DEPTH, sink -> {
      GaugeSnapshot s = last;
      if (s != null) {
        sink.report(s.orchestratorQueueDepth());
      }
    });
    instruments.registerGauge(WORKER_QUEUE_DEPTH, sink -> {
      GaugeSnapshot s = last;
      if (s != null) {
        sink.report(s.workerQueueDepth());
      }
    });
    instruments.registerGauge(DISPATCHER_SLOTS, sink -> {
      for (Dispatcher<?> d : new Dispatcher<?>[] {orchestrations, workers}) {
        String name = d == orchestrations ? "orchestration" : "worker";
        int busy = d.busySlots();
        sink.report(busy, "dispatcher", name, "state", "busy");
        sink.report(Math.max(0, d.concurrency() - busy), "dispatcher", name, "state", "idle");
      }
    });
  }

  private Map<String, Map<WaitState, Long>> activeByLabel(GaugeSnapshot s) {
    Map<String, Map<WaitState, Long>> out = new TreeMap<>();
    for (String name : registered) {
      Map<WaitState, Long> zero = new EnumMap<>(WaitState.class);
      for (WaitState w : WaitState.values()) {
        zero.put(w, 0L);
      }
      out.put(name, zero);
    }
    s.active().forEach((name, states) -> {
      Map<WaitState, Long> target = out.computeIfAbsent(metrics.orchestrationLabel(name), k -> {
        Map<WaitState, Long> zero = new EnumMap<>(WaitState.class);
        for (WaitState w : WaitState.values()) {
          zero.put(w, 0L);
        }
        return zero;
      });
      states.forEach((state, count) -> target.merge(state, count, Long::sum));
    });
    return out;
  }

  /** Reads the store once (called on the runtime's scheduler). */
  void refresh() {
    try {
      last = store.readGauges();
    } catch (StoreException e) {
      StoreFailures.log(LOG, e, "refreshing the gauges failed (keeping the previous values): {}",
          e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("refreshing the gauges failed", e);
    }
  }
}
