package io.durobs.toolkit.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Runs a picocli command the way every program of this project runs: options parsed by picocli,
 * {@code --help} printed to standard output (exit 0), the command's own exit code otherwise, and
 * bad input (an unknown option, a missing or invalid value, or a {@link ParameterException} the
 * command throws for a bad combination) reported as two lines on standard error, exit
 * {@value #BAD_INPUT}:
 *
 * <pre>
 * validate-dashboards: Unknown option: '--colour'
 * Try 'validate-dashboards --help' for more information.
 * </pre>
 *
 * <p>Errors that are not about the command line (an unreadable file, a server that does not
 * answer) are the command's to print, as one line starting with its name.
 */
public final class CommandLines {

  /** Exit code: done, nothing found. */
  public static final int OK = 0;
  /** Exit code: the command ran and found problems, or failed. */
  public static final int FAILED = 1;
  /** Exit code: bad input (command line, files, servers). */
  public static final int BAD_INPUT = 2;

  private CommandLines() {}

  /**
   * Parses {@code args} into {@code command} (a picocli {@code @Command} that is a
   * {@code Callable<Integer>} or {@code Runnable}) and runs it.
   *
   * @param out where {@code --help} goes (the command writes its results itself)
   * @param err where bad input is reported
   * @return the exit code
   */
  public static int execute(Object command, String[] args, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(command).setOut(writer(out)).setErr(writer(err));
    cli.getCommandSpec().exitCodeOnExecutionException(FAILED);
    // "--dashboard --colour": an unknown option is reported as such, never taken as the value
    cli.setUnmatchedOptionsAllowedAsOptionParameters(false);
    cli.setParameterExceptionHandler((e, unused) -> badInput(e));
    cli.registerConverter(Path.class, CommandLines::path);
    return cli.execute(args);
  }

  /**
   * A path argument. Under a non-UTF-8 locale ({@code LANG=C}) the JVM cannot represent every
   * byte of a file name; picocli would print the JDK exception's class, so say what to do.
   */
  static Path path(String value) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new CommandLine.TypeConversionException("'" + value.replaceAll("[^\\p{Print}]", "?")
          + "' is not a path this system can use (" + e.getReason() + " for file names in "
          + System.getProperty("sun.jnu.encoding", "this locale's charset")
          + "); run under a UTF-8 locale, e.g. LANG=C.UTF-8");
    }
  }

  /**
   * The {@code -h}/{@code --help} option every program has, as a picocli mixin:
   * {@code @Mixin CommandLines.Help help;}.
   */
  public static final class Help {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
    private boolean help;
  }

  /** The line after a bad-input message, for {@code command}. */
  public static String hint(String command) {
    return "Try '" + command + " --help' for more information.";
  }

  private static int badInput(ParameterException e) {
    CommandLine cli = e.getCommandLine();
    String name = cli.getCommandName();
    cli.getErr().println(name + ": " + e.getMessage());
    cli.getErr().println(hint(name));
    return BAD_INPUT;
  }

  /** Writes through {@code stream}, so text keeps the stream's own charset. */
  private static PrintWriter writer(PrintStream stream) {
    return new PrintWriter(new Writer() {
      @Override
      public void write(char[] chars, int offset, int length) {
        stream.append(new String(chars, offset, length));
      }

      @Override
      public void flush() {
        stream.flush();
      }

      @Override
      public void close() {
        // the caller owns the stream
      }
    }, true);
  }
}
