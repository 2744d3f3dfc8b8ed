package io.durobs.cli;

import io.durobs.it.cli.LintFiles;
import io.durobs.toolkit.tools.Checkout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code durobs lint [options] [FILE|DIR]...}: {@link LintFiles} (the render's static checks on
 * any dashboards and rule files; its options, help and exit codes), on {@code generated/}'s
 * dashboards and rules when no file is given.
 */
@Command(name = "lint", description = "Run the static checks on dashboards and rule files, "
    + "offline (default: generated/'s dashboards and rules). 'durobs lint --help' lists the "
    + "options.")
final class LintCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Unmatched private List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    return LintFiles.run(withDefaults(args).toArray(String[]::new), Streams.out(spec),
        Streams.err(spec));
  }

  private static List<String> withDefaults(List<String> args) {
    List<String> all = new ArrayList<>(args);
    boolean files = false;
    for (int i = 0; i < all.size(); i++) {
      String a = all.get(i);
      if (a.equals("--help") || a.equals("-h") || a.equals("--list-rules")) {
        return all;
      }
      if (!a.startsWith("-")) {
        files = true;
      } else if (!a.contains("=")) {
        i++; // every other option of lint takes a value
      }
    }
    if (!files) {
      Path generated = Checkout.root().resolve("generated");
      all.add(generated.resolve("grafana/dashboards").toString());
      all.add(generated.resolve("prometheus/rules").toString());
    }
    return all;
  }
}
