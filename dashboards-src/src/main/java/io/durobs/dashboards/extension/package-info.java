/**
 * The extension API: how another project renders the engine's dashboards and rules plus its own,
 * checked the same way. A project implements {@link io.durobs.dashboards.extension.DurobsExtension}
 * (configuration overrides and a {@link io.durobs.dashboards.extension.UserContent}: metrics
 * declared with {@link io.durobs.engine.catalogue.MetricDefinition#builder}, dashboards, rows on
 * the engine's dashboards, alert and recording rule groups and their promtool tests);
 * {@link io.durobs.dashboards.extension.ExtendedContent} renders and checks the whole and writes
 * it into any folder (the Maven plugin {@code durobs-maven-plugin} does this in a build).
 */
package io.durobs.dashboards.extension;
