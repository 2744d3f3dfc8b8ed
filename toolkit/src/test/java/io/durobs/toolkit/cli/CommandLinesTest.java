package io.durobs.toolkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

class CommandLinesTest {

  @Command(name = "greet", description = "Greets.")
  static final class Greet implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--name", paramLabel = "NAME", description = "who") String name;

    @Option(names = "--times", paramLabel = "N", description = "how often") int times = 1;

    @Option(names = "--colour", paramLabel = "COLOUR", converter = Colour.class,
        description = "red or blue") String colour;

    @Option(names = "--file", paramLabel = "FILE", description = "a file") java.nio.file.Path file;

    @Mixin CommandLines.Help help;

    @Override
    public Integer call() {
      if (times < 0) {
        throw new ParameterException(spec.commandLine(), "--times must not be negative");
      }
      if ("boom".equals(name)) {
        throw new IllegalStateException("boom");
      }
      spec.commandLine().getOut().println(("hello " + name + "\n").repeat(times).strip());
      return name == null ? CommandLines.FAILED : CommandLines.OK;
    }
  }

  static final class Colour extends Converter<String> {
    Colour() {
      super(v -> {
        if (!v.equals("red") && !v.equals("blue")) {
          throw new IllegalArgumentException("'" + v + "' is neither red nor blue");
        }
        return v;
      });
    }
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = CommandLines.execute(new Greet(), args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theCommandsExitCodeAndOutputPassThrough() {
    assertThat(run("--name", "Zoë")).isEqualTo(new Run(0, "hello Zoë\n", ""));
    assertThat(run().code()).isEqualTo(CommandLines.FAILED);
  }

  @Test
  void helpGoesToStandardOutputWithExitZero() {
    Run r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("Usage: greet [-h] [--colour=COLOUR] [--file=FILE] [--name=NAME] [--times=N]")
        .containsPattern("-h, --help +print this help and exit").containsPattern("--colour=COLOUR +red or blue").containsPattern("--times=N +how often");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void badInputIsOneLineNamingItAndAHintWithExitTwo() {
    assertThat(run("--color", "red")).isEqualTo(new Run(2, "",
        "greet: Unknown options: '--color', 'red'\n" + CommandLines.hint("greet") + "\n"));
    assertThat(run("--colour", "green")).isEqualTo(new Run(2, "",
        "greet: Invalid value for option '--colour': 'green' is neither red nor blue\n"
            + CommandLines.hint("greet") + "\n"));
    assertThat(run("--name", "x", "--colour", "blue").code()).isZero();
    assertThat(run("--name")).isEqualTo(new Run(2, "",
        "greet: Missing required parameter for option '--name' (NAME)\n" + CommandLines.hint("greet") + "\n"));
    assertThat(run("--times", "x").err()).startsWith("greet: Invalid value for option '--times': 'x' is not an int\n");
    assertThat(run("--times", "-1")).isEqualTo(new Run(2, "",
        "greet: --times must not be negative\n" + CommandLines.hint("greet") + "\n"));
    assertThat(CommandLines.hint("greet")).isEqualTo("Try 'greet --help' for more information.");
  }

  @Test
  void aPathTheSystemCannotRepresentIsBadInputSayingWhatToDo() {
    // NUL is the byte no file system takes; under LANG=C every non-ASCII byte behaves the same way
    Run r = run("--file", "a\u0000b");
    assertThat(r.code()).isEqualTo(CommandLines.BAD_INPUT);
    assertThat(r.err()).isEqualTo("greet: Invalid value for option '--file': 'a?b' is not a path "
        + "this system can use (Nul character not allowed for file names in "
        + System.getProperty("sun.jnu.encoding") + "); run under a UTF-8 locale, e.g. LANG=C.UTF-8\n"
        + CommandLines.hint("greet") + "\n");
  }

  @Test
  void anUnexpectedExceptionExitsOneWithItsTrace() {
    Run r = run("--name", "boom");
    assertThat(r.code()).isEqualTo(CommandLines.FAILED);
    assertThat(r.err()).contains("java.lang.IllegalStateException: boom");
  }
}
