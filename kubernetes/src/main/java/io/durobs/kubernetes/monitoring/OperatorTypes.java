package io.durobs.kubernetes.monitoring;

/** What the operator's types share: their API group and version, and the check of a kind. */
final class OperatorTypes {

  private OperatorTypes() {}

  /**
   * Refuses an object whose {@code apiVersion} and {@code kind} are not the type's own.
   *
   * @throws IllegalArgumentException naming both
   */
  static void requireKind(String expectedApiVersion, String expectedKind, String apiVersion, String kind) {
    if (!expectedApiVersion.equals(apiVersion) || !expectedKind.equals(kind)) {
      throw new IllegalArgumentException("not a " + expectedApiVersion + " " + expectedKind + ": " + apiVersion + " "
          + kind);
    }
  }
}
