/**
 * YAML as the project renders it: {@link io.durobs.toolkit.yaml.Trees} builds ordered maps and
 * lists, {@link io.durobs.toolkit.yaml.YamlText} writes them deterministically (so
 * {@code generated/} is reproducible byte for byte) and parses YAML back for the checks.
 */
package io.durobs.toolkit.yaml;
