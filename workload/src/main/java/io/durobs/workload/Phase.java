package io.durobs.workload;

import java.util.Objects;

/**
 * One named step of a workload run: the catalogue paths, the store faults, a steady healthy load,
 * or a fault scenario that should make an alert fire. Phases run one after the other on the same
 * engine, so a harness composes them ("healthy, then poison, then healthy again"). The factory
 * methods are in {@link Phases}; a harness may write its own against the public methods of
 * {@link CatalogueWorkload}.
 */
public interface Phase {

  /** A short name for reports and the command line ({@code paths}, {@code store-faults}, ...). */
  String name();

  /** Drives the engine; returns when the phase's instances have ended. */
  void run(CatalogueWorkload workload) throws InterruptedException;

  /** A phase from a name and a body. */
  static Phase of(String name, Body body) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(body, "body");
    return new Phase() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void run(CatalogueWorkload workload) throws InterruptedException {
        body.run(workload);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  /** The body of a phase. */
  @FunctionalInterface
  interface Body {
    /** Drives the engine. */
    void run(CatalogueWorkload workload) throws InterruptedException;
  }
}
