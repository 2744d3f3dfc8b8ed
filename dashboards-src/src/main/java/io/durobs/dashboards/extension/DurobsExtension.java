package io.durobs.dashboards.extension;

import io.durobs.dashboards.config.ContentConfig;

/**
 * A project's observability content on top of the engine's: its own metrics, dashboards, rows
 * on the engine's dashboards, alerts, recording rules and their promtool tests, and its
 * overrides of the engine's {@link ContentConfig}. The renderer ({@link ExtendedContent}, the
 * Maven plugin's {@code generate} goal) renders the engine's content plus every extension's,
 * and holds both to the same checks: the dashboard and rule lint, a firing and a quiet promtool
 * case per alert, and coverage (an extension metric on no panel is a finding).
 *
 * <p>An implementation needs a public no-argument constructor (the Maven plugin instantiates
 * it from the project's classes):
 *
 * <pre>{@code
 * public final class ToygresObservability implements DurobsExtension {
 *   public ContentConfig configure(ContentConfig engine) {
 *     return engine.toBuilder().engineJob("toygres").build();
 *   }
 *
 *   public UserContent content(ContentConfig config) {
 *     Panels p = Panels.of(config);
 *     return UserContent.named("toygres")
 *         .metric(ToygresMetrics.INSTANCES_CREATED)
 *         .dashboard(p.dashboard(config.dashboardUidPrefix() + "toygres", "Toygres", "...")
 *             .withPanel(...)
 *             .build())
 *         .alerts(new RuleGroup("toygres", List.of(provisioningSlow)))
 *         .ruleTest(new RuleTest("provisioning slow fires").input(...).expectFiring(...))
 *         .build();
 *   }
 * }
 * }</pre>
 */
public interface DurobsExtension {

  /**
   * This project's configuration: by default the one given (the engine's defaults, or what an
   * earlier extension or the build's configuration made of them). Every dashboard and rule,
   * the engine's included, is rendered with the configuration the extensions return.
   *
   * @param config the configuration so far
   * @return the configuration to render with
   */
  default ContentConfig configure(ContentConfig config) {
    return config;
  }

  /**
   * What this project adds, built for the final configuration.
   *
   * @param config the configuration everything is rendered with
   * @return the additions
   */
  UserContent content(ContentConfig config);
}
