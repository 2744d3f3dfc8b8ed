package io.durobs.it.check;

/** Receives progress lines while a run goes on (the console output of a run). */
@FunctionalInterface
public interface ProgressListener {

  /** Nothing is reported. */
  ProgressListener SILENT = line -> { };

  /** A line of progress. */
  void line(String text);

  /** Progress printed to standard error, so standard output stays for results. */
  static ProgressListener console() {
    return line -> {
      System.err.println(line);
      System.err.flush();
    };
  }
}
