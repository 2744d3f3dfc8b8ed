package io.durobs.toolkit.grafana;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One threshold step: from {@code value} upwards the colour applies. The base step has a null
 * value (minus infinity), which Grafana expects serialized as {@code null}.
 *
 * @param color a named colour ({@code green}) or {@code #rrggbb}
 * @param value the lower bound, null for the base step
 */
public record ThresholdStep(
    String color,
    @JsonInclude(JsonInclude.Include.ALWAYS) Double value) {}
