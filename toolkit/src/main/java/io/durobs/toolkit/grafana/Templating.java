package io.durobs.toolkit.grafana;

import java.util.List;

/**
 * The dashboard's template variables.
 *
 * @param list the variables in picker order
 */
public record Templating(List<Variable> list) {
  public Templating {
    list = List.copyOf(list);
  }
}
