/**
 * Rendering {@code generated/}: {@link io.durobs.dashboards.render.RenderAll} (the build's entry
 * point and CLI) collects every file from the {@link io.durobs.dashboards.render.FileSources},
 * runs the checks of {@code io.durobs.toolkit.lint} on the final bytes, writes the coverage table,
 * and replaces {@code generated/} atomically through
 * {@link io.durobs.dashboards.render.GeneratedFiles}.
 *
 * <p>The engine's content is rendered for a {@link io.durobs.dashboards.config.ContentConfig}
 * ({@code FileSources.all(config)}, {@code RenderAll.render(config, sources)}); {@code generated/}
 * holds the rendering of {@link io.durobs.dashboards.config.ContentConfig#defaults()}. With a
 * project's extensions ({@code io.durobs.dashboards.extension}), the same sources and checks
 * render the engine's content plus theirs ({@code FileSources.all(config, extensions)},
 * {@code RenderAll.render(config, sources, extensions)}, {@code RenderAll.check} over a folder's
 * files) into any folder.
 */
package io.durobs.dashboards.render;
