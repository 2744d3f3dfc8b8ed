/**
 * Ordered map trees ({@link io.durobs.yamltree.Trees}) and their deterministic YAML text
 * ({@link io.durobs.yamltree.YamlText}): how the collector, Prometheus, Alertmanager and Compose
 * files are built and written.
 */
package io.durobs.yamltree;
