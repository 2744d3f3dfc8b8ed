package io.durobs.toolkit.grafana;

/**
 * A builder of one model object, as in the Foundation SDK ({@code com.grafana.foundation.cog.Builder}).
 *
 * @param <T> the built type
 */
public interface Builder<T> {
  /** Builds the object; builders may be reused, every call returns a fresh object. */
  T build();
}
