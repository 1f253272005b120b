package io.tern.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.callback.HostOutages.Turn;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A host's life as the callback sender sees it, on explicit instants (no waiting). */
@ExtendWith(VertxExtension.class)
class HostOutagesTest {
  private static final String HOST = "http://127.0.0.1:8080";
  private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");

  private final List<String> retriesDue = new ArrayList<>();

  private HostOutages outages(Vertx vertx) {
    // Always half the ceiling: 30 min after the first failure, 60 min after the second. So long
    // that the retry timers never fire during a test; the instants are given explicitly.
    Backoff backoff = new Backoff(Duration.ofHours(1), Duration.ofHours(4), () -> 0.5);
    return new HostOutages(vertx, backoff, 3, retriesDue::add);
  }

  @Test
  void aHostThatAnswersIsPostedTo(Vertx vertx) {
    assertThat(outages(vertx).turn(HOST, T0)).isEqualTo(Turn.POST);
  }

  @Test
  void aDownHostParksItsCallbacksUntilItsRetryTimeThenLetsOneProbeThrough(Vertx vertx) {
    HostOutages outages = outages(vertx);

    Instant retryAt = outages.failed(HOST, false, T0);
    outages.park(HOST, 1);
    outages.park(HOST, 2);

    assertThat(retryAt).isEqualTo(T0.plus(Duration.ofMinutes(30)));
    assertThat(outages.turn(HOST, T0.plusMillis(10))).isEqualTo(Turn.PARK);
    assertThat(outages.turn("http://other.example:80", T0.plusMillis(10))).isEqualTo(Turn.POST);
    assertThat(outages.parkedIds()).containsExactlyInAnyOrder(1L, 2L);
    assertThat(outages.turn(HOST, retryAt)).isEqualTo(Turn.PROBE);
    outages.probing(HOST);
    assertThat(outages.turn(HOST, retryAt)).as("one probe at a time").isEqualTo(Turn.PARK);
  }

  @Test
  void aFailedProbeBacksOffLongerAndFailuresAlreadyOnTheWireDoNot(Vertx vertx) {
    HostOutages outages = outages(vertx);
    Instant first = outages.failed(HOST, false, T0);

    Instant sameRound = outages.failed(HOST, false, T0.plusMillis(5));
    outages.probing(HOST);
    Instant afterProbe = outages.failed(HOST, true, T0.plusMillis(60));

    assertThat(sameRound).isEqualTo(first);
    assertThat(afterProbe).isEqualTo(T0.plusMillis(60).plus(Duration.ofHours(1)));
  }

  @Test
  void anAnswerReleasesEveryParkedCallbackAtOnce(Vertx vertx) {
    HostOutages outages = outages(vertx);
    outages.failed(HOST, false, T0);
    outages.park(HOST, 7);
    outages.park(HOST, 8);

    assertThat(outages.answered(HOST)).containsExactly(7L, 8L);
    assertThat(outages.parkedIds()).isEmpty();
    assertThat(outages.turn(HOST, T0)).isEqualTo(Turn.POST);
    assertThat(outages.answered(HOST)).as("already up").isEmpty();
  }

  @Test
  void pastTheCapCallbacksArePostedRatherThanParked(Vertx vertx) {
    HostOutages outages = outages(vertx);
    outages.failed(HOST, false, T0);
    outages.park(HOST, 1);
    outages.park(HOST, 2);
    outages.park(HOST, 3);

    assertThat(outages.turn(HOST, T0.plusMillis(1))).isEqualTo(Turn.POST);
  }
}
