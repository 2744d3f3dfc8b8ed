/**
 * The stack's Kubernetes manifests ({@code generated/kubernetes/}): a kustomize base with the
 * collector, the PrometheusRules, the dashboards' and data sources' ConfigMaps and
 * Alertmanager's configuration, and the {@code local} and {@code production} overlays
 * ({@link io.durobs.kubernetes.Overlay}), rendered by
 * {@link io.durobs.kubernetes.KubernetesManifests} from the same definitions as the Compose stack
 * and validated by {@code tools/kube-validate} (kustomize and the official Go types).
 */
package io.durobs.kubernetes;
