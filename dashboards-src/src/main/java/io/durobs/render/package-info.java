/**
 * Rendering {@code generated/}: {@link io.durobs.render.RenderAll} (the build's entry point and
 * CLI) collects every file from the {@link io.durobs.render.FileSources}, runs the checks of
 * {@code io.durobs.checks} on the final bytes, writes the coverage table, and replaces
 * {@code generated/} atomically through {@link io.durobs.render.GeneratedFiles}.
 *
 * <p>The collector-config module contributes {@code YamlText} and {@code Trees} to this package.
 */
package io.durobs.render;
