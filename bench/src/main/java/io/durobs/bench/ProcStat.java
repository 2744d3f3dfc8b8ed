package io.durobs.bench;

/**
 * One line of Linux' {@code /proc/PID/stat} (or {@code /proc/PID/task/TID/stat}): the command
 * name in parentheses, which may hold spaces and parentheses, then fields separated by spaces,
 * numbered as in proc(5) (the state is field 3).
 */
final class ProcStat {

  /** Clock ticks per second of the times: the kernel's USER_HZ, 100 on Linux. */
  private static final long TICKS_PER_SECOND = 100;

  private final String command;
  /** From field 3 on: field n is {@code fields[n - 3]}. */
  private final String[] fields;

  private ProcStat(String command, String[] fields) {
    this.command = command;
    this.fields = fields;
  }

  /** Parses a stat line, the command name found by its last closing parenthesis. */
  static ProcStat parse(String line) {
    int close = line.lastIndexOf(')');
    return new ProcStat(line.substring(line.indexOf('(') + 1, close),
        line.substring(close + 2).trim().split(" "));
  }

  /** The command name (cut to 15 characters by the kernel). */
  String command() {
    return command;
  }

  /**
   * The sum of the time fields numbered {@code timeFields} (in clock ticks, e.g. 14 and 15: user and
   * system time), in nanoseconds.
   */
  long cpuNanos(int... timeFields) {
    long ticks = 0;
    for (int n : timeFields) {
      ticks += Long.parseLong(fields[n - 3]);
    }
    return ticks * 1_000_000_000L / TICKS_PER_SECOND;
  }
}
