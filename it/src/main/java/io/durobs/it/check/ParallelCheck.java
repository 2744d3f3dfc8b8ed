package io.durobs.it.check;

import io.durobs.toolkit.grafana.read.DashboardFile;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Checks many dashboards with a bounded number at once: at most {@code parallel} dashboards are
 * in flight (so at most that many queries hit Prometheus together, and only their intermediate
 * state is held beside the finished results); each dashboard's progress lines are buffered and
 * written together when it is done, so parallel dashboards never interleave their lines; the
 * results come back in input order.
 */
public final class ParallelCheck {

  private ParallelCheck() {}

  /**
   * Checks {@code dashboards} with {@code checker}.
   *
   * @param parallel how many dashboards at once (1: one after the other, lines as they come)
   * @param progress where each dashboard's lines go, once it is done
   * @throws RuntimeException what a check threw (Prometheus unreachable, a bad time range), the
   *     first in input order; the other checks are cancelled
   */
  public static List<DashboardResult> run(DashboardChecker checker, List<DashboardFile> dashboards,
      int parallel, ProgressListener progress) {
    if (parallel <= 1 || dashboards.size() <= 1) {
      List<DashboardResult> out = new ArrayList<>();
      dashboards.forEach(d -> out.add(checker.check(d, progress)));
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, dashboards.size()), r -> {
      Thread t = new Thread(r, "dashboard-check");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<DashboardResult>> futures = new ArrayList<>();
      for (DashboardFile d : dashboards) {
        futures.add(pool.submit(() -> {
          StringBuilder lines = new StringBuilder();
          DashboardResult r = checker.check(d, line -> lines.append(line).append('\n'));
          if (lines.length() > 0) {
            progress.line(lines.substring(0, lines.length() - 1));
          }
          return r;
        }));
      }
      List<DashboardResult> out = new ArrayList<>();
      for (Future<DashboardResult> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking dashboards", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
