package io.durobs.collector;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A collector pipeline: receivers feed processors, in order, which feed every exporter.
 *
 * @param signal what the pipeline carries
 * @param name the pipeline's name to tell two pipelines of one signal apart, or empty
 * @param receivers at least one receiver
 * @param processors the processors, in the order data flows through them (may be empty)
 * @param exporters at least one exporter
 */
public record Pipeline(Signal signal, String name, List<Component> receivers, List<Component> processors,
    List<Component> exporters) {

  /**
   * Validates that each list holds components of its kind, without repeats, and that the
   * pipeline has a receiver and an exporter.
   *
   * @throws IllegalArgumentException naming the pipeline and the offending component
   */
  public Pipeline {
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(name, "name");
    receivers = List.copyOf(receivers);
    processors = List.copyOf(processors);
    exporters = List.copyOf(exporters);
    String id = name.isEmpty() ? signal.key() : signal.key() + "/" + name;
    check(id, "receivers", receivers, ComponentKind.RECEIVER);
    check(id, "processors", processors, ComponentKind.PROCESSOR);
    check(id, "exporters", exporters, ComponentKind.EXPORTER);
    if (receivers.isEmpty() || exporters.isEmpty()) {
      throw new IllegalArgumentException("pipeline " + id + " needs at least one receiver and one exporter");
    }
  }

  /**
   * The unnamed pipeline of a signal.
   *
   * @param signal what it carries
   * @param receivers its receivers
   * @param processors its processors, in order
   * @param exporters its exporters
   * @return the pipeline, id = the signal's key
   */
  public static Pipeline of(Signal signal, List<Component> receivers, List<Component> processors,
      List<Component> exporters) {
    return new Pipeline(signal, "", receivers, processors, exporters);
  }

  /**
   * The key under {@code service.pipelines}.
   *
   * @return {@code signal} or {@code signal/name}
   */
  public String id() {
    return name.isEmpty() ? signal.key() : signal.key() + "/" + name;
  }

  /**
   * The same pipeline with other exporters.
   *
   * @param newExporters the exporters that replace the current ones
   * @return a new pipeline
   */
  public Pipeline withExporters(List<Component> newExporters) {
    return new Pipeline(signal, name, receivers, processors, newExporters);
  }

  private static void check(String pipeline, String list, List<Component> components, ComponentKind kind) {
    Set<String> seen = new HashSet<>();
    for (Component c : components) {
      if (c.kind() != kind) {
        throw new IllegalArgumentException("pipeline " + pipeline + ": " + c.id() + " is one of the "
            + c.kind().section() + ", not allowed in " + list);
      }
      if (!seen.add(c.id())) {
        throw new IllegalArgumentException("pipeline " + pipeline + ": " + c.id() + " appears twice in " + list);
      }
    }
  }
}
