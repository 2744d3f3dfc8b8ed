/**
 * A small typed model of the prometheus-operator custom resources the manifests use
 * ({@link io.durobs.kubernetes.monitoring.PrometheusRule} and
 * {@link io.durobs.kubernetes.monitoring.ServiceMonitor}, {@code monitoring.coreos.com/v1}):
 * fabric8 serves its Kubernetes model under the same version but not its monitoring model, so
 * these records carry exactly the fields of the operator's Go types
 * ({@code github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring/v1}) that are
 * written, with fabric8's {@code ObjectMeta}. {@code tools/kube-validate} decodes the rendered
 * objects strictly into the operator's own Go types, so a misspelt field fails the build.
 */
package io.durobs.kubernetes.monitoring;
