package io.durobs.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.durobs.collector.Endpoint;
import java.net.URI;
import org.junit.jupiter.api.Test;

class StackEndpointsTest {

  @Test
  void defaultsAreTheComposeServicesOnTheirUsualPorts() {
    StackEndpoints d = StackEndpoints.defaults();

    assertThat(d.listenHost()).isEqualTo("0.0.0.0");
    assertThat(d.otlpGrpc().hostPort()).isEqualTo("collector:4317");
    assertThat(d.otlpHttp().hostPort()).isEqualTo("collector:4318");
    assertThat(d.collectorMetrics().hostPort()).isEqualTo("collector:8889");
    assertThat(d.collectorTelemetry().hostPort()).isEqualTo("collector:8888");
    assertThat(d.healthCheck().hostPort()).isEqualTo("collector:13133");
    assertThat(d.prometheus().hostPort()).isEqualTo("prometheus:9090");
    assertThat(d.alertmanager().hostPort()).isEqualTo("alertmanager:9093");
    assertThat(d.loki().http("/otlp")).isEqualTo(URI.create("http://loki:3100/otlp"));
    assertThat(d.grafana().hostPort()).isEqualTo("grafana:3000");
    assertThat(d.postgres().hostPort()).isEqualTo("postgres:5432");
    assertThat(d.listen(d.otlpGrpc())).isEqualTo("0.0.0.0:4317");
  }

  @Test
  void theBuilderMovesEverythingToOneHostAndChangesPorts() {
    StackEndpoints local = StackEndpoints.builder().allOn("127.0.0.1").otlpHttpPort(40001).prometheusPort(40002)
        .alertWebhook(URI.create("http://127.0.0.1:40003/hook")).build();

    assertThat(local.listen(local.otlpHttp())).isEqualTo("127.0.0.1:40001");
    assertThat(local.prometheus().hostPort()).isEqualTo("127.0.0.1:40002");
    assertThat(local.loki().hostPort()).isEqualTo("127.0.0.1:3100");
    assertThat(local.alertWebhook()).isEqualTo(URI.create("http://127.0.0.1:40003/hook"));
    assertThat(local.toBuilder().build()).isEqualTo(local);
  }

  @Test
  void twoServicesOnOneHostCannotShareAPort() {
    assertThatThrownBy(() -> StackEndpoints.builder().allOn("127.0.0.1").prometheusPort(4317).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("endpoints otlpGrpc and prometheus both use 127.0.0.1:4317");
  }

  @Test
  void rejectsBadPortsHostsAndWebhooks() {
    assertThatThrownBy(() -> StackEndpoints.builder().lokiPort(70000))
        .hasMessage("endpoint loki: port 70000 is not in 1..65535");
    assertThatThrownBy(() -> StackEndpoints.builder().allOn("bad host"))
        .hasMessage("endpoint host 'bad host' is not a host name or IPv4 address");
    assertThatThrownBy(() -> StackEndpoints.builder().alertWebhook(URI.create("/relative")).build())
        .hasMessage("alert webhook '/relative' is not an absolute http(s) URL");
    assertThatThrownBy(() -> new Endpoint("h", 1).http("no-slash"))
        .hasMessage("URL path 'no-slash' must start with '/'");
  }
}
