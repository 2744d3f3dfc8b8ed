package io.durobs.cli;

import io.durobs.cli.stack.RunFolder;
import io.durobs.cli.stack.StackState;
import io.durobs.it.cli.ValidateDashboards;
import io.durobs.toolkit.tools.Checkout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code durobs validate [options]}: {@link ValidateDashboards} (its options, help and exit codes)
 * with defaults from the running local stack: {@code --prometheus} its Prometheus, the log panels
 * against its collector's log records, and the dashboards of {@code generated/} when none is given.
 */
@Command(name = "validate", description = "Run every panel of the dashboards against Prometheus "
    + "the way Grafana would, with a diagnosis per empty target (default: generated/'s dashboards "
    + "against the local stack). 'durobs validate --help' lists the options.")
final class ValidateCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Unmatched private List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    return ValidateDashboards.run(withDefaults(args, StackState.read(RunFolder.resolve(null)))
        .toArray(String[]::new), Streams.out(spec), Streams.err(spec));
  }

  /**
   * {@code args} with the stack's Prometheus, its log records (unless a Loki is given) and
   * generated/'s dashboards added where not given.
   */
  static List<String> withDefaults(List<String> args, Optional<StackState> stack) {
    List<String> all = new ArrayList<>(args);
    if (all.contains("--help") || all.contains("-h")) {
      return all;
    }
    if (stack.isPresent() && !given(all, "--prometheus")) {
      all.add("--prometheus");
      all.add(stack.get().prometheusUrl());
    }
    String records = stack.map(StackState::logRecords).orElse(null);
    if (records != null && Files.isRegularFile(Path.of(records))
        && !given(all, "--log-records") && !given(all, "--loki")) {
      all.add("--log-records");
      all.add(records);
    }
    if (all.stream().noneMatch(a -> a.startsWith("--dashboard")) && !hasPositional(all)) {
      all.add("--dashboard");
      all.add(Checkout.root().resolve("generated/grafana/dashboards").toString());
    }
    return all;
  }

  /** Whether option {@code name} itself is given (not merely one that starts like it). */
  private static boolean given(List<String> args, String name) {
    return args.stream().anyMatch(a -> a.equals(name) || a.startsWith(name + "="));
  }

  private static boolean hasPositional(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith("-")) {
        if (!a.contains("=") && !a.equals("--quiet") && !a.equals("--strict")) {
          i++; // the option's value
        }
      } else {
        return true;
      }
    }
    return false;
  }

}
