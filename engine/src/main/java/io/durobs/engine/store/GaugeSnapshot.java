package io.durobs.engine.store;

import java.util.Map;

/**
 * The cluster-wide values behind the gauges, read from the store in one call.
 *
 * @param active non-terminal instances by orchestration name, then by wait state
 * @param orchestratorQueueDepth visible, unlocked orchestrator-queue messages
 * @param workerQueueDepth visible, unlocked worker-queue items
 */
public record GaugeSnapshot(
    Map<String, Map<WaitState, Long>> active, long orchestratorQueueDepth, long workerQueueDepth) {

  public GaugeSnapshot {
    active = Map.copyOf(active);
  }
}
