package io.durobs.dashboards.extension;

import static io.durobs.toolkit.promql.PromQl.histogramQuantile;
import static io.durobs.toolkit.promql.PromQl.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durobs.dashboards.Panels;
import io.durobs.dashboards.config.ContentConfig;
import io.durobs.dashboards.render.RenderAll;
import io.durobs.dashboards.render.RenderException;
import io.durobs.dashboards.rules.AlertRule;
import io.durobs.dashboards.rules.RuleGroup;
import io.durobs.dashboards.rules.RuleTest;
import io.durobs.dashboards.rules.Severity;
import io.durobs.dashboards.rules.TestSeries;
import io.durobs.engine.catalogue.Label;
import io.durobs.engine.catalogue.MetricCatalogue;
import io.durobs.engine.catalogue.MetricDefinition;
import io.durobs.engine.catalogue.MetricKind;
import io.durobs.toolkit.grafana.RowBuilder;
import io.durobs.toolkit.grafana.TimeseriesPanelBuilder;
import io.durobs.toolkit.grafana.Units;
import io.durobs.toolkit.promql.PromQl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extension API: a project's content rendered with the engine's and held to the same checks. */
class ExtendedContentTest {

  static final Label REGION = Label.enumerated("region", "eu-west", "us-east");

  static final MetricDefinition CREATED = MetricDefinition.builder("shop.orders.created",
          MetricKind.COUNTER, "{order}")
      .description("Orders created, by region.").label(REGION).build();

  static final MetricDefinition LATENCY = MetricDefinition.builder("shop.checkout.duration",
          MetricKind.HISTOGRAM, "s")
      .description("Checkout time, by region.").label(REGION).buckets(0.5, 1.0, 5.0).build();

  private static TimeseriesPanelBuilder createdPanel(Panels p) {
    return Panels.timeseries("Orders created", "Orders created per second, by region.",
        Units.OPS_PER_SECOND).withTarget(Panels.query(
            sum(Panels.rate(p.series(CREATED))).by(REGION), "{{region}}"));
  }

  private static TimeseriesPanelBuilder latencyPanel(Panels p) {
    return Panels.quantiles("Checkout time", "p50, p95 and p99 of checkout, by region.",
        Panels.rate(p.bucketSeries(LATENCY)), "{{region}}", REGION);
  }

  private static AlertRule slowCheckout(ContentConfig config) {
    return AlertRule.named("ShopCheckoutSlow")
        .when(histogramQuantile(0.95, sum(PromQl.rate(PromQl.buckets(LATENCY),
            config.ruleRateWindow())).by("job", REGION, "le")).gt(2))
        .holdFor("5m").severity(Severity.WARNING)
        .summary("Checkout is slow.")
        .description("p95 checkout in {{ $labels.region }} is {{ $value }}s.")
        .runbook("Check the payment provider.")
        .build();
  }

  private static TestSeries bucket(ContentConfig config, String le) {
    return TestSeries.bucket(LATENCY, le, config.engineJob()).with(REGION, "eu-west");
  }

  /** A complete extension; {@code edit} changes its builder before it is built. */
  private static DurobsExtension shop(UnaryOperator<UserContent.Builder> edit,
      boolean withQuietCase) {
    return config -> {
      Panels p = Panels.of(config);
      AlertRule slow = slowCheckout(config);
      UserContent.Builder b = UserContent.named("shop")
          .metric(CREATED).metric(LATENCY)
          .dashboard(p.dashboard(config.dashboardUidPrefix() + "shop", "Shop", "The shop.", "shop")
              .withVariable(p.datasourceVariable()).withVariable(p.jobVariable(".*"))
              .withVariable(p.instanceVariable())
              .withPanel(createdPanel(p)).withPanel(latencyPanel(p)).build())
          .addToDashboard(config.overviewUid(), d -> d.withRow(new RowBuilder("Shop"))
              .withPanel(createdPanel(p)))
          .rules(new RuleGroup("shop", List.of(slow)))
          .ruleTest(new RuleTest("shop: slow checkout fires")
              .input(bucket(config, "1"), "0x30").input(bucket(config, "5"), "0+10x30")
              .input(bucket(config, "+Inf"), "0+10x30")
              .expectFiring("20m", slow, RuleTest.alert("p95 checkout in eu-west is 4.8s.",
                  "job", config.engineJob(), "region", "eu-west")));
      if (withQuietCase) {
        b.ruleTest(new RuleTest("shop: fast checkout stays quiet")
            .input(bucket(config, "0.5"), "0+10x30").input(bucket(config, "+Inf"), "0+10x30")
            .expectQuiet("20m", slow));
      }
      return edit.apply(b).build();
    };
  }

  private static ExtendedContent content(DurobsExtension... extensions) {
    return ExtendedContent.of(ContentConfig.defaults(), List.of(extensions));
  }

  @Test
  void rendersTheEnginesContentPlusTheExtensions() {
    RenderAll.Rendering r = content(shop(b -> b, true)).render();
    assertThat(r.files()).containsKeys("grafana/dashboards/shop.json",
        "prometheus/rules/shop.yaml", "prometheus/tests/shop.test.yaml");
    assertThat(r.files().get("grafana/dashboards/overview.json")).contains("\"title\": \"Shop\"");
    assertThat(r.files().get("docs/runbooks.md")).contains("### ShopCheckoutSlow");
    assertThat(r.alerts()).extracting(AlertRule::name).contains("ShopCheckoutSlow");
    assertThat(r.coverage().notOnAnyPanel()).isEmpty();
  }

  @Test
  void withoutExtensionsItIsTheEnginesContent() {
    assertThat(content().render().files()).isEqualTo(RenderAll.render().files());
  }

  @Test
  void anExtensionMetricOnNoPanelIsAFinding() {
    MetricDefinition unused = MetricDefinition.builder("shop.carts.abandoned", MetricKind.COUNTER,
        "{cart}").description("Carts abandoned.").build();
    assertThatThrownBy(() -> content(shop(b -> b.metric(unused), true)).render())
        .isInstanceOf(RenderException.class)
        .hasMessage("extension metric shop.carts.abandoned: shop_carts_abandoned_total is on no "
            + "panel [coverage] (generated/ left untouched)");
  }

  @Test
  void anAlertWithoutAQuietCaseIsAFinding() {
    assertThatThrownBy(() -> content(shop(b -> b, false)).render())
        .isInstanceOf(RenderException.class)
        .hasMessage("alert 'ShopCheckoutSlow': has no promtool case where it stays quiet "
            + "[rule-test] (generated/ left untouched)");
  }

  @Test
  void aMetricWithACatalogueNameIsRefused() {
    MetricDefinition clash = MetricDefinition.builder(
            MetricCatalogue.ORCHESTRATION_STARTS.otelName(), MetricKind.COUNTER,
            MetricCatalogue.ORCHESTRATION_STARTS.unit())
        .description("A second definition.").build();
    assertThatThrownBy(() -> content(shop(b -> b.metric(clash), true)).render())
        .isInstanceOf(RenderException.class)
        .hasMessageContaining("extension metric " + clash.otelName() + ": "
            + clash.prometheusName() + " is already defined");
  }

  @Test
  void addingToADashboardThatDoesNotExistNamesIt() {
    assertThatThrownBy(() -> content(shop(b -> b.addToDashboard("durobs-nope", d -> { }), true))
        .render())
        .isInstanceOf(RenderException.class)
        .hasMessageStartingWith("extension shop adds to dashboard 'durobs-nope', which does not "
            + "exist (dashboards: durobs-overview, ");
  }

  @Test
  void configureOverridesTheConfigurationEverythingRendersWith() {
    DurobsExtension folder = new DurobsExtension() {
      @Override
      public ContentConfig configure(ContentConfig config) {
        return config.toBuilder().grafanaFolder("Shop").engineJob("shop").build();
      }

      @Override
      public UserContent content(ContentConfig config) {
        return UserContent.named("folder").build();
      }
    };
    ExtendedContent c = content(folder, shop(b -> b, true));
    assertThat(c.config().engineJob()).isEqualTo("shop");
    RenderAll.Rendering r = c.render();
    assertThat(r.files().get("grafana/provisioning/dashboards/dashboards.yaml"))
        .contains("folder: Shop");
    assertThat(r.files().get("prometheus/tests/shop.test.yaml")).contains("job=\\\"shop\\\"");
  }

  @Test
  void twoExtensionsOfOneNameAreRefused() {
    assertThatThrownBy(() -> content(shop(b -> b, true), shop(b -> b, true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("two extensions are named 'shop'");
  }

  @Test
  void theLintReadsTheFolderAsItIsNow(@TempDir Path dir) throws Exception {
    ExtendedContent c = content(shop(b -> b, true));
    Path out = dir.resolve("durobs");
    c.writeTo(out);
    assertThat(c.lint(out).findings()).isEmpty();
    Path shop = out.resolve("grafana/dashboards/shop.json");
    Files.writeString(shop, Files.readString(shop).replace("shop_orders_created_total",
        "shop_orders_create_total"));
    assertThat(c.lint(out).findings()).extracting(Object::toString).anySatisfy(f ->
        assertThat(f).contains("panel 'Orders created'").contains("shop_orders_create_total")
            .contains("[unknown-metric]"));
  }

  @Test
  void namesAreCheckedWhereTheyAreGiven() {
    assertThatThrownBy(() -> UserContent.named("Shop"))
        .hasMessage("extension name 'Shop' must be lower case letters, digits and dashes, "
            + "starting with a letter");
    assertThatThrownBy(() -> UserContent.named("shop").metric(null))
        .isInstanceOf(NullPointerException.class).hasMessage("metric");
    assertThatThrownBy(() -> MetricDefinition.builder("shop.x", MetricKind.COUNTER, "1").build())
        .hasMessage("metric shop.x has no description");
  }
}
