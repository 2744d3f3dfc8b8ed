package io.durobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The pacing arithmetic, on a clock the test sets: no sleeps, nothing to race with. */
class PacerTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void releasesTheRateOverTimeInSmallSteps() {
    Pacer pacer = new Pacer(50, 34, 0);
    int released = 0;
    for (long t = 10_000_000; t <= 2 * SECOND; t += 10_000_000) {
      released += pacer.due(t, 0);
    }
    assertThat(released).isEqualTo(68);
  }

  @Test
  void aNewRateCountsFromTheMomentItIsSetWithNothingOwedCarriedOver() {
    Pacer pacer = new Pacer(500, 10, 0);
    assertThat(pacer.due(SECOND, 0)).isEqualTo(10);
    pacer.rate(100, SECOND + SECOND / 2); // half a second at 10/s is dropped, not owed
    assertThat(pacer.due(2 * SECOND + SECOND / 2, 0)).isEqualTo(100);
    pacer.rate(100, 3 * SECOND); // the same rate: nothing restarts
    assertThat(pacer.due(3 * SECOND + SECOND / 2, 0)).isEqualTo(100);
    pacer.rate(0, 4 * SECOND);
    assertThat(pacer.due(60 * SECOND, 0)).isZero();
  }

  @Test
  void neverLetsMoreThanInFlightWaitAndBuildsNoBacklog() {
    Pacer pacer = new Pacer(50, 100, 0);
    assertThat(pacer.due(SECOND, 0)).as("100 due, 50 may wait").isEqualTo(50);
    assertThat(pacer.due(SECOND + SECOND / 10, 45)).as("10 due, 5 places left").isEqualTo(5);
    assertThat(pacer.due(SECOND + SECOND / 5, 0)).as("only the 10 due since").isEqualTo(10);
  }

  @Test
  void rejectsRatesThatCannotPace() {
    assertThatThrownBy(() -> new Pacer(50, -1, 0)).hasMessageContaining("rate");
    assertThatThrownBy(() -> new Pacer(50, Double.NaN, 0)).hasMessageContaining("rate");
    assertThatThrownBy(() -> new Pacer(0, 1, 0)).hasMessageContaining("inFlight");
  }
}
