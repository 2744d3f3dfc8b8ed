package io.durobs.cli;

import io.durobs.dashboards.render.RenderAll;
import io.durobs.toolkit.tools.Checkout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code durobs render [--check] [ROOT]}: {@link RenderAll}'s command line (its options, help and
 * exit codes), with the checkout of this {@code durobs} as the default root.
 */
@Command(name = "render", description = "Render generated/ from the Java definitions (checked), "
    + "or with --check report a stale generated/; prints the coverage summary. "
    + "'durobs render --help' lists the options.")
final class RenderCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Unmatched private List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    List<String> all = new ArrayList<>(args);
    if (all.stream().noneMatch(a -> !a.startsWith("-")) && !all.contains("--help")
        && !all.contains("-h")) {
      all.add(Checkout.root().toString());
    }
    return RenderAll.run(all.toArray(String[]::new), Streams.out(spec), Streams.err(spec));
  }
}
