/**
 * Rendering {@code generated/}: {@link io.durobs.dashboards.render.RenderAll} (the build's entry point and
 * CLI) collects every file from the {@link io.durobs.dashboards.render.FileSources}, runs the checks of
 * {@code io.durobs.toolkit.lint} on the final bytes, writes the coverage table, and replaces
 * {@code generated/} atomically through {@link io.durobs.dashboards.render.GeneratedFiles}.
 *
 * <p>The collector-config module contributes {@code YamlText} and {@code Trees} to this package.
 */
package io.durobs.dashboards.render;
