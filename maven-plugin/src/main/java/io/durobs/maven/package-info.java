/**
 * {@code durobs-maven-plugin}: the engine's dashboards, rules, tests, collector pipeline and
 * provisioning plus a project's own ({@link io.durobs.dashboards.extension.DurobsExtension}),
 * rendered, linted, promtool-tested and validated in the project's build. Goals:
 * {@link io.durobs.maven.GenerateMojo generate} ({@code process-classes}),
 * {@link io.durobs.maven.LintMojo lint} ({@code verify}),
 * {@link io.durobs.maven.PromtoolMojo promtool} ({@code verify}),
 * {@link io.durobs.maven.ValidateMojo validate} (against a running Prometheus), and
 * {@code help}.
 */
package io.durobs.maven;
