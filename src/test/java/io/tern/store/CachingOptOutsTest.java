package io.tern.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.store.memory.InMemoryAccountRegistry;
import io.tern.store.memory.InMemoryOptOuts;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Validation's opt-out check without a query per message: what the store is asked, and when a
 * STOP written here or on another pod takes effect.
 */
class CachingOptOutsTest {
  private static final String ACCOUNT = "AC00000000000000000000000000000001";
  private static final String NUMBER = "+14155550100";
  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
  private static final long TTL_MILLIS = 1000;

  private final CountingOptOuts store = new CountingOptOuts(new InMemoryOptOuts(new InMemoryAccountRegistry()));
  private final AtomicLong nanos = new AtomicLong();
  private final List<String> notices = new ArrayList<>();

  private CachingOptOuts cache(int maxRecipients) {
    CachingOptOuts cache = new CachingOptOuts(store, TTL_MILLIS, maxRecipients, nanos::get);
    cache.onChange(notices::add);
    return cache;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static boolean optedOut(OptOuts optOuts, String recipient) throws Exception {
    return await(optOuts.isOptedOut(ACCOUNT, recipient, NUMBER, null));
  }

  @Test
  void recipientsWhoNeverOptedOutCostOneReadOfTheAccountPerTtl() throws Exception {
    CachingOptOuts cache = cache(100);
    await(store.optOut(ACCOUNT, "+14155550999", List.of(NUMBER), AT));

    for (int i = 0; i < 50; i++) {
      assertThat(optedOut(cache, "+1415555" + (1000 + i))).isFalse();
    }
    assertThat(store.setReads).hasValue(1);
    assertThat(store.exactChecks).hasValue(0);

    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(TTL_MILLIS));
    assertThat(optedOut(cache, "+14155551000")).isFalse();
    assertThat(store.setReads).as("read again once expired").hasValue(2);
  }

  @Test
  void aRecipientWhoOptedOutOfSomethingIsCheckedExactly() throws Exception {
    CachingOptOuts cache = cache(100);
    await(store.optOut(ACCOUNT, "+14155550999", List.of("+14155550199"), AT));

    assertThat(optedOut(cache, "+14155550999")).as("opted out of another number only").isFalse();
    assertThat(await(cache.isOptedOut(ACCOUNT, "+14155550999", "+14155550199", null))).isTrue();
    assertThat(store.exactChecks).hasValue(2);
  }

  @Test
  void aStopOrStartWrittenHereAppliesAtOnceAndIsAnnounced() throws Exception {
    CachingOptOuts cache = cache(100);
    String handset = "+14155550998";
    assertThat(optedOut(cache, handset)).isFalse();

    await(cache.optOut(ACCOUNT, handset, List.of(NUMBER), AT));
    assertThat(optedOut(cache, handset)).isTrue();

    await(cache.optIn(ACCOUNT, handset, List.of(NUMBER)));
    assertThat(optedOut(cache, handset)).isFalse();
    assertThat(notices).containsExactly(ACCOUNT, ACCOUNT);
  }

  @Test
  void aStopWrittenOnAnotherPodAppliesOnItsNoticeOrWithinTheTtl() throws Exception {
    CachingOptOuts cache = cache(100);
    String first = "+14155550997";
    String second = "+14155550996";
    assertThat(optedOut(cache, first)).isFalse();

    // Written by another pod: this cache is not told, until its notice arrives.
    await(store.optOut(ACCOUNT, first, List.of(NUMBER), AT));
    assertThat(optedOut(cache, first)).as("before the notice").isFalse();
    cache.forget(ACCOUNT);
    assertThat(optedOut(cache, first)).as("after the notice").isTrue();

    // A notice lost: the change shows once the kept set expires.
    await(store.optOut(ACCOUNT, second, List.of(NUMBER), AT));
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(TTL_MILLIS) - 1);
    assertThat(optedOut(cache, second)).as("within the ttl").isFalse();
    nanos.addAndGet(1);
    assertThat(optedOut(cache, second)).as("once the ttl is over").isTrue();
  }

  @Test
  void aSetReadWhileAChangeCommitsIsDroppedByTheNotice() throws Exception {
    CachingOptOuts cache = cache(100);
    Promise<Optional<Set<String>>> slowRead = Promise.promise();
    store.nextRead = slowRead;
    String handset = "+14155550995";

    Future<Boolean> inFlight = cache.isOptedOut(ACCOUNT, handset, NUMBER, null);
    await(store.optOut(ACCOUNT, handset, List.of(NUMBER), AT));
    cache.forget(ACCOUNT);
    slowRead.complete(Optional.of(Set.of()));

    assertThat(await(inFlight)).as("asked before the STOP committed").isFalse();
    assertThat(optedOut(cache, handset)).isTrue();
  }

  @Test
  void anAccountWithTooManyOptOutsIsCheckedExactlyEveryTime() throws Exception {
    CachingOptOuts cache = cache(2);
    for (String handset : List.of("+14155550981", "+14155550982", "+14155550983")) {
      await(store.optOut(ACCOUNT, handset, List.of(NUMBER), AT));
    }

    assertThat(optedOut(cache, "+14155550984")).isFalse();
    assertThat(optedOut(cache, "+14155550983")).isTrue();
    assertThat(store.exactChecks).hasValue(2);
  }

  @Test
  void aTtlOfZeroAsksTheStoreForEveryMessage() throws Exception {
    CachingOptOuts cache = new CachingOptOuts(store, 0);
    assertThat(optedOut(cache, "+14155550980")).isFalse();
    assertThat(optedOut(cache, "+14155550980")).isFalse();
    assertThat(store.exactChecks).hasValue(2);
    assertThat(store.setReads).hasValue(0);
  }

  /** The store, counting what it is asked; a read may be held back to race a write. */
  private static final class CountingOptOuts implements OptOuts {
    private final OptOuts store;
    final AtomicInteger setReads = new AtomicInteger();
    final AtomicInteger exactChecks = new AtomicInteger();
    volatile Promise<Optional<Set<String>>> nextRead;

    CountingOptOuts(OptOuts store) {
      this.store = store;
    }

    @Override
    public Future<Void> optOut(String accountSid, String recipient, Collection<String> scopes, Instant at) {
      return store.optOut(accountSid, recipient, scopes, at);
    }

    @Override
    public Future<Void> optIn(String accountSid, String recipient, Collection<String> scopes) {
      return store.optIn(accountSid, recipient, scopes);
    }

    @Override
    public Future<Boolean> isOptedOut(String accountSid, String recipient, String sender, String serviceSid) {
      exactChecks.incrementAndGet();
      return store.isOptedOut(accountSid, recipient, sender, serviceSid);
    }

    @Override
    public Future<Optional<Set<String>>> recipientsOptedOut(String accountSid, int limit) {
      setReads.incrementAndGet();
      Promise<Optional<Set<String>>> held = nextRead;
      if (held != null) {
        nextRead = null;
        return held.future();
      }
      return store.recipientsOptedOut(accountSid, limit);
    }

    @Override
    public Future<Optional<OptOutReplies>> replies(String accountSid, String serviceSid) {
      return store.replies(accountSid, serviceSid);
    }

    @Override
    public Future<OptOutReplies> saveReplies(OptOutReplies replies) {
      return store.saveReplies(replies);
    }
  }
}
