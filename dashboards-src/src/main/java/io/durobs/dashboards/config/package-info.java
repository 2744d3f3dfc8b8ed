/**
 * The configuration of the engine's content, in the manner of a monitoring mixin's
 * {@code _config}: {@link io.durobs.dashboards.config.ContentConfig} holds the SLO (objective,
 * burn-rate windows), names (runbook URL, dashboard and data source uids, the engine's job and job
 * selector) and policy thresholds that the rules ({@code io.durobs.dashboards.rules}) and the
 * dashboards ({@code io.durobs.dashboards}) both read; {@link io.durobs.dashboards.config.Wording}
 * states those numbers in prose the same way everywhere. Rendering takes the configuration as a
 * parameter; {@link io.durobs.dashboards.config.ContentConfig#defaults()} renders
 * {@code generated/}.
 */
package io.durobs.dashboards.config;
