package io.durobs.maven;

import org.apache.maven.plugins.annotations.Parameter;

/** The goals that run the static checks ({@code generate}, {@code lint}) and their policy. */
abstract class CheckingMojo extends AbstractDurobsMojo {

  /**
   * Whether a finding fails the build. With {@code false} the findings are logged as warnings;
   * {@code generate} then writes the unchecked files (without {@code coverage.md}) for
   * {@code lint} or a person to look at.
   */
  @Parameter(property = "durobs.failOnFindings", defaultValue = "true")
  boolean failOnFindings;
}
