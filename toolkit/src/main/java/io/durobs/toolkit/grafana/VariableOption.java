package io.durobs.toolkit.grafana;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A template variable's current (or offered) value.
 *
 * @param text what the picker shows (a string, or a list for multi-value variables)
 * @param value the value substituted into queries (same shape as text)
 * @param selected whether the option is selected, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VariableOption(Object text, Object value, Boolean selected) {}
