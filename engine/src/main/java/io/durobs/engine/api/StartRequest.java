package io.durobs.engine.api;

import java.util.UUID;

/**
 * A request to start an orchestration instance, validated when built.
 *
 * @param name the registered orchestration name
 * @param version the version, or {@code null} for the latest registered
 * @param instanceId the instance id
 * @param inputJson the input JSON
 */
public record StartRequest(String name, String version, String instanceId, String inputJson) {

  /** A builder for orchestration {@code name}. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds a {@link StartRequest}. */
  public static final class Builder {
    private final String name;
    private String version;
    private String instanceId;
    private String inputJson = "null";

    private Builder(String name) {
      this.name = Names.require(name, "orchestration name");
    }

    /** Pins a version (default: latest registered). */
    public Builder version(String version) {
      this.version = Names.require(version, "version of orchestration '" + name + "'");
      return this;
    }

    /** The instance id (default: a random UUID). */
    public Builder instanceId(String instanceId) {
      this.instanceId = Names.require(instanceId, "instance id");
      return this;
    }

    /** The input, encoded as JSON. */
    public Builder input(Object input) {
      this.inputJson = JsonCodec.encode(input, "input of orchestration '" + name + "'");
      return this;
    }

    /** The input as JSON text, which must be one well-formed JSON value. */
    public Builder inputJson(String json) {
      this.inputJson = JsonCodec.validate(json, "input of orchestration '" + name + "'");
      return this;
    }

    /** The request. */
    public StartRequest build() {
      return new StartRequest(name, version,
          instanceId == null ? UUID.randomUUID().toString() : instanceId, inputJson);
    }
  }
}
