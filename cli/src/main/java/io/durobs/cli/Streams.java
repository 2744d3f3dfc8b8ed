package io.durobs.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command line's own output and error writers as {@link PrintStream}s, for the programs this
 * CLI delegates to (they take streams), so tests that capture the writers see their output too;
 * each line is passed on as soon as it ends.
 */
public final class Streams {

  private Streams() {}

  public static PrintStream out(CommandSpec spec) {
    return stream(spec.commandLine().getOut());
  }

  public static PrintStream err(CommandSpec spec) {
    return stream(spec.commandLine().getErr());
  }

  private static PrintStream stream(PrintWriter writer) {
    Writer w = writer;
    return new PrintStream(new java.io.OutputStream() {
      private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

      @Override
      public void write(int b) {
        line.write(b);
        if (b == '\n') {
          flush();
        }
      }

      @Override
      public void flush() {
        try {
          w.write(line.toString(java.nio.charset.StandardCharsets.UTF_8));
          w.flush();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        line.reset();
      }
    }, true, java.nio.charset.StandardCharsets.UTF_8);
  }
}
