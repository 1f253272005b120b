package io.tern.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * When a kept answer is read again: ahead of its expiry while callers keep getting it, never
 * given older than its time, and never brought back by a read that a forget overtook.
 */
class KeptLookupsTest {
  private static final long TTL_MILLIS = 1000;
  private static final String KEY = "account|AC1";

  private final AtomicLong nanos = new AtomicLong();
  private final KeptLookups kept = new KeptLookups(TTL_MILLIS, 100, nanos::get);
  /** The queries sent, in order; each answers when the test completes it. */
  private final List<Promise<String>> queries = new ArrayList<>();

  private Future<String> get() {
    return kept.get(KEY, () -> {
      Promise<String> query = Promise.promise();
      queries.add(query);
      return query.future();
    });
  }

  private void at(long millis) {
    nanos.set(millis * 1_000_000L);
  }

  @Test
  void theLastQuarterOfAnAnswersTimeReadsItAgainWhileCallersGetItAtOnce() {
    Future<String> first = get();
    queries.get(0).complete("first");
    assertThat(first.result()).isEqualTo("first");

    at(749);
    assertThat(get().result()).isEqualTo("first");
    assertThat(queries).as("not yet read ahead").hasSize(1);

    at(750);
    assertThat(get().result()).as("answered at once").isEqualTo("first");
    at(800);
    assertThat(get().result()).isEqualTo("first");
    assertThat(queries).as("one read ahead, however many callers").hasSize(2);

    queries.get(1).complete("second");
    assertThat(get().result()).isEqualTo("second");
    at(1499);
    assertThat(get().result()).as("kept from its own query, sent at 750").isEqualTo("second");
    assertThat(queries).hasSize(2);
  }

  @Test
  void noAnswerIsGivenOlderThanItsTimeWhileTheReadAheadIsSlow() {
    get();
    queries.get(0).complete("first");
    at(900);
    get();
    assertThat(queries).hasSize(2);

    at(1000);
    Future<String> afterTheTtl = get();

    assertThat(afterTheTtl.isComplete()).as("waits for a query").isFalse();
    assertThat(queries).hasSize(3);
    queries.get(2).complete("third");
    assertThat(afterTheTtl.result()).isEqualTo("third");
    queries.get(1).complete("second, late");
    assertThat(get().result()).as("a late read ahead replaces nothing").isEqualTo("third");
  }

  @Test
  void aReadAheadThatAForgetOvertookIsDropped() {
    get();
    queries.get(0).complete("before the change");
    at(800);
    get();

    kept.forget(KEY);
    queries.get(1).complete("read before the change committed");

    Future<String> next = get();
    assertThat(queries).as("asked again").hasSize(3);
    queries.get(2).complete("after the change");
    assertThat(next.result()).isEqualTo("after the change");
  }

  @Test
  void aFailedReadAheadKeepsTheAnswerForItsTimeAndIsTriedAgain() {
    get();
    queries.get(0).complete("first");
    at(800);
    get();
    queries.get(1).fail("the database is away");

    at(850);
    assertThat(get().result()).isEqualTo("first");
    assertThat(queries).as("tried again").hasSize(3);
    queries.get(2).complete("second");
    assertThat(get().result()).isEqualTo("second");
  }

  @Test
  void aFailedLookupIsNotKept() {
    Future<String> failed = get();
    queries.get(0).fail("the database is away");
    assertThat(failed.failed()).isTrue();

    Future<String> again = get();
    assertThat(queries).hasSize(2);
    queries.get(1).complete("answer");
    assertThat(again.result()).isEqualTo("answer");
  }
}
