package io.durobs.engine.api;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The orchestrations (by name and version) and activities (by name) an engine process can run,
 * and the external event names it expects. Immutable; built with {@link #builder()}. Names are
 * the metric label values, so they should be constants in code; names that are not registered
 * are reported as {@code unregistered}.
 */
public final class Registry {

  /** The version of orchestrations registered without one. */
  public static final String DEFAULT_VERSION = "1";

  private final Map<String, TreeMap<String, Orchestration>> orchestrations;
  private final Map<String, Activity> activities;
  private final Set<String> events;

  private Registry(Builder b) {
    Map<String, TreeMap<String, Orchestration>> o = new LinkedHashMap<>();
    b.orchestrations.forEach((k, v) -> o.put(k, new TreeMap<>(v)));
    this.orchestrations = Collections.unmodifiableMap(o);
    this.activities = Collections.unmodifiableMap(new LinkedHashMap<>(b.activities));
    this.events = Collections.unmodifiableSet(new java.util.LinkedHashSet<>(b.events));
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** True when some version of {@code name} is registered. */
  public boolean hasOrchestration(String name) {
    return orchestrations.containsKey(name);
  }

  /** The highest registered version of {@code name} (numeric parts compare as numbers). */
  public Optional<String> latestVersion(String name) {
    TreeMap<String, Orchestration> versions = orchestrations.get(name);
    return versions == null ? Optional.empty() : Optional.of(versions.lastKey());
  }

  /** The orchestration registered under {@code name} and {@code version}. */
  public Optional<Orchestration> orchestration(String name, String version) {
    TreeMap<String, Orchestration> versions = orchestrations.get(name);
    return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
  }

  /** The activity registered under {@code name}. */
  public Optional<Activity> activity(String name) {
    return Optional.ofNullable(activities.get(name));
  }

  /** Registered orchestration names. */
  public Set<String> orchestrationNames() {
    return orchestrations.keySet();
  }

  /** Registered activity names. */
  public Set<String> activityNames() {
    return activities.keySet();
  }

  /**
   * Declared external event names. Events with other names work the same, but are counted under
   * the metric label value {@code unregistered}, so that label values stay bounded.
   */
  public Set<String> eventNames() {
    return events;
  }

  /** Orders versions like "1.10" after "1.9": numeric dot-separated parts compare as numbers. */
  static final Comparator<String> VERSION_ORDER = (a, b) -> {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      String p = i < x.length ? x[i] : "0";
      String q = i < y.length ? y[i] : "0";
      int c = p.matches("\\d{1,9}") && q.matches("\\d{1,9}")
          ? Integer.compare(Integer.parseInt(p), Integer.parseInt(q)) : p.compareTo(q);
      if (c != 0) {
        return c;
      }
    }
    return a.compareTo(b);
  };

  /** Builds a {@link Registry}. */
  public static final class Builder {
    private final Map<String, Map<String, Orchestration>> orchestrations = new LinkedHashMap<>();
    private final Map<String, Activity> activities = new LinkedHashMap<>();
    private final Set<String> events = new java.util.LinkedHashSet<>();

    private Builder() {}

    /** Registers {@code orchestration} as version {@value Registry#DEFAULT_VERSION} of {@code name}. */
    public Builder orchestration(String name, Orchestration orchestration) {
      return orchestration(name, DEFAULT_VERSION, orchestration);
    }

    /** Registers one version of an orchestration. */
    public Builder orchestration(String name, String version, Orchestration orchestration) {
      Names.require(name, "orchestration name");
      Names.require(version, "version of orchestration '" + name + "'");
      Objects.requireNonNull(orchestration, "orchestration");
      Map<String, Orchestration> versions =
          orchestrations.computeIfAbsent(name, k -> new TreeMap<>(VERSION_ORDER));
      if (versions.putIfAbsent(version, orchestration) != null) {
        throw new IllegalArgumentException("orchestration '" + name + "' version " + version
            + " is registered twice");
      }
      return this;
    }

    /** Registers an activity. */
    public Builder activity(String name, Activity activity) {
      Names.require(name, "activity name");
      Objects.requireNonNull(activity, "activity");
      if (activities.putIfAbsent(name, activity) != null) {
        throw new IllegalArgumentException("activity '" + name + "' is registered twice");
      }
      return this;
    }

    /** Declares an external event name (its metric label; see {@link Registry#eventNames()}). */
    public Builder event(String name) {
      events.add(Names.require(name, "event name"));
      return this;
    }

    /** The registry. */
    public Registry build() {
      return new Registry(this);
    }
  }
}
