package io.durobs.engine.runtime;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoded histories of recently processed instances, so that most turns need no history read.
 * An entry is used only when its execution and length equal the instance row's: histories are
 * append-only under the instance lock, so equal length means equal content. Any doubt about a
 * commit (lock lost, store error) removes the entry.
 *
 * <p>Bounded twice: by instances and by an estimate of the heap the entries hold, since the
 * payloads (inputs, results, event payloads) are what makes a history large: a thousand waiting
 * instances with 200 KB inputs are 200 MB, far beyond what their count suggests. Least recently
 * used entries go first; a history larger than the whole byte bound is not cached.
 */
final class HistoryCache {

  /** A rough JVM object header plus a reference per field, for one history record. */
  private static final long RECORD_OVERHEAD = 16;
  private static final long REFERENCE = 8;
  /** String object, its array header and hash: what a string costs beyond its characters. */
  private static final long STRING_OVERHEAD = 40;

  private record Entry(long executionId, List<HistoryEvent> events, long bytes) {}

  private final int maxInstances;
  private final long maxBytes;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
  private long bytes;

  HistoryCache(int maxInstances, long maxBytes) {
    this.maxInstances = maxInstances;
    this.maxBytes = maxBytes;
  }

  /** The cached history when it is exactly the stored one, else {@code null}. */
  synchronized List<HistoryEvent> get(String instanceId, long executionId, int length) {
    Entry e = entries.get(instanceId);
    return e != null && e.executionId == executionId && e.events.size() == length
        ? e.events : null;
  }

  synchronized void put(String instanceId, long executionId, List<HistoryEvent> events) {
    Entry old = entries.remove(instanceId);
    long size = old != null && old.executionId == executionId
        && events.size() >= old.events.size()
        && events.subList(0, old.events.size()).equals(old.events)
        ? old.bytes + estimate(events.subList(old.events.size(), events.size()))
        : estimate(events);
    if (old != null) {
      bytes -= old.bytes;
    }
    if (size > maxBytes) {
      return; // would evict everything else and still not fit
    }
    entries.put(instanceId, new Entry(executionId, List.copyOf(events), size));
    bytes += size;
    Iterator<Entry> eldest = entries.values().iterator();
    while (bytes > maxBytes || entries.size() > maxInstances) {
      bytes -= eldest.next().bytes;
      eldest.remove();
    }
  }

  synchronized void remove(String instanceId) {
    Entry e = entries.remove(instanceId);
    if (e != null) {
      bytes -= e.bytes;
    }
  }

  /** The estimated heap of the cached histories, in bytes. */
  synchronized long estimatedBytes() {
    return bytes;
  }

  /** Cached instances. */
  synchronized int size() {
    return entries.size();
  }

  /** The estimated heap of {@code events}: their records and the characters of their strings. */
  static long estimate(List<HistoryEvent> events) {
    long n = 0;
    for (HistoryEvent e : events) {
      n += REFERENCE + estimateObject(e);
    }
    return n;
  }

  private static long estimateObject(Object o) {
    if (o == null) {
      return 0;
    }
    if (o instanceof String s) {
      // compact strings: one byte a character for Latin-1 text, two otherwise; two is the bound
      return STRING_OVERHEAD + 2L * s.length();
    }
    if (o instanceof List<?> list) {
      long n = RECORD_OVERHEAD + REFERENCE * list.size();
      for (Object item : list) {
        n += estimateObject(item);
      }
      return n;
    }
    if (o instanceof Record r) {
      Components c = COMPONENTS.get(r.getClass());
      long n = RECORD_OVERHEAD + REFERENCE * c.count();
      for (Method accessor : c.references()) {
        n += estimateObject(value(accessor, r));
      }
      return n;
    }
    return RECORD_OVERHEAD; // boxed numbers, enums
  }

  /** A record class' component count and the accessors of those that hold references. */
  private record Components(int count, List<Method> references) {}

  // once per class: Class.getRecordComponents copies every component (names, types, generic
  // signatures) at each call, which made this estimate a hot spot of every turn
  private static final ClassValue<Components> COMPONENTS = new ClassValue<>() {
    @Override
    protected Components computeValue(Class<?> type) {
      RecordComponent[] all = type.getRecordComponents();
      List<Method> references = new ArrayList<>();
      for (RecordComponent c : all) {
        if (!c.getType().isPrimitive()) {
          references.add(c.getAccessor());
        }
      }
      return new Components(all.length, List.copyOf(references));
    }
  };

  private static Object value(Method accessor, Record r) {
    try {
      return accessor.invoke(r);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + accessor.getName() + " of "
          + r.getClass(), e);
    }
  }
}
