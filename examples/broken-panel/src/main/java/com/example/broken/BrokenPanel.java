package com.example.broken;

import static io.durobs.toolkit.promql.PromQl.sum;

import io.durobs.dashboards.Panels;
import io.durobs.dashboards.config.ContentConfig;
import io.durobs.dashboards.extension.DurobsExtension;
import io.durobs.dashboards.extension.UserContent;
import io.durobs.engine.catalogue.Label;
import io.durobs.engine.catalogue.MetricDefinition;
import io.durobs.engine.catalogue.MetricKind;
import io.durobs.toolkit.grafana.Units;

/** One metric and one panel whose query selects a region the metric does not allow. */
public final class BrokenPanel implements DurobsExtension {

  static final Label REGION = Label.enumerated("region", "eu-west", "us-east");

  static final MetricDefinition CREATED = MetricDefinition.builder("toygres.instances.created",
          MetricKind.COUNTER, "{instance}")
      .description("Instances created, by region.")
      .label(REGION)
      .build();

  @Override
  public UserContent content(ContentConfig config) {
    Panels p = Panels.of(config);
    return UserContent.named("broken")
        .metric(CREATED)
        .dashboard(p.dashboard(config.dashboardUidPrefix() + "broken", "Broken / Instances",
                "A dashboard with a typo in a label value.", "broken")
            .withVariable(p.datasourceVariable())
            .withVariable(p.jobVariable(".*"))
            .withVariable(p.instanceVariable())
            .withPanel(Panels.timeseries("Instances created in eu-west",
                    "Instances created per second in eu-west.", Units.OPS_PER_SECOND)
                // the typo: "eu-wset" (the metric allows eu-west and us-east)
                .withTarget(Panels.query(sum(Panels.rate(p.series(CREATED)
                    .where(REGION.name(), "eu-wset"))), "created")))
            .build())
        .build();
  }
}
