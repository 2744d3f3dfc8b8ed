package io.durobs.toolkit.grafana;

import java.util.List;

/**
 * The dashboard's annotation queries (the foundation SDK requires the container, even empty).
 *
 * @param list the queries, in toggle order
 */
public record Annotations(List<Annotation> list) {}
