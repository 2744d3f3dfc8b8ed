package io.durobs.engine.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoded histories of recently processed instances, so that most turns need no history read.
 * An entry is used only when its execution and length equal the instance row's: histories are
 * append-only under the instance lock, so equal length means equal content. Any doubt about a
 * commit (lock lost, store error) removes the entry.
 */
final class HistoryCache {

  private record Entry(long executionId, List<HistoryEvent> events) {}

  private final Map<String, Entry> entries;

  HistoryCache(int maxInstances) {
    this.entries = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > maxInstances;
      }
    };
  }

  /** The cached history when it is exactly the stored one, else {@code null}. */
  synchronized List<HistoryEvent> get(String instanceId, long executionId, int length) {
    Entry e = entries.get(instanceId);
    return e != null && e.executionId == executionId && e.events.size() == length
        ? e.events : null;
  }

  synchronized void put(String instanceId, long executionId, List<HistoryEvent> events) {
    entries.put(instanceId, new Entry(executionId, List.copyOf(events)));
  }

  synchronized void remove(String instanceId) {
    entries.remove(instanceId);
  }
}
