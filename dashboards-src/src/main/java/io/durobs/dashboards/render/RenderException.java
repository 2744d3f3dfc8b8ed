package io.durobs.dashboards.render;

import io.durobs.toolkit.lint.Finding;
import java.util.List;

/** The definitions are wrong: nothing was written. One line per problem. */
public final class RenderException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Finding> findings;

  /** A failure with these findings. */
  public RenderException(List<Finding> findings) {
    super(message(findings));
    this.findings = List.copyOf(findings);
  }

  /** A failure for another reason (two sources write one path, I/O). */
  public RenderException(String message) {
    super(message);
    this.findings = List.of();
  }

  /** The findings (empty for other failures). */
  public List<Finding> findings() {
    return findings;
  }

  private static String message(List<Finding> findings) {
    StringBuilder s = new StringBuilder();
    if (findings.size() > 1) {
      s.append(findings.size()).append(" problems in the definitions, generated/ left untouched:");
      findings.forEach(f -> s.append("\n  ").append(f));
    } else {
      s.append(findings.get(0)).append(" (generated/ left untouched)");
    }
    return s.toString();
  }
}
