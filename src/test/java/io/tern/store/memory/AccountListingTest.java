package io.tern.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.message.Message;
import io.tern.message.MessageFixture;
import io.tern.message.MessageStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class AccountListingTest {
  private static final Instant T0 = Instant.parse("2026-12-08T12:00:00Z");
  private static final String ACCOUNT = "AC00000000000000000000000000000001";
  private static final Predicate<PackedMessage> EVERY = message -> true;

  private static Message record(int n, long secondsAfterT0) {
    return MessageFixture.queued(String.format("SM%032d", n), ACCOUNT, "+14155550100",
        T0.plusSeconds(secondsAfterT0)).build();
  }

  /** A queued message as the store keeps it. */
  private static PackedMessage message(int n, long secondsAfterT0) {
    return PackedMessage.of(record(n, secondsAfterT0));
  }

  private static AccountListing listingOf(List<PackedMessage> messages) {
    AccountListing listing = new AccountListing();
    messages.forEach(listing::put);
    return listing;
  }

  /** The whole listing newest first, walked in slices of {@code budget}. */
  private static List<String> newestFirst(AccountListing listing, int budget) {
    List<String> sids = new ArrayList<>();
    PackedMessage from = null;
    while (true) {
      AccountListing.Slice slice = listing.walk(from, true, EVERY, Integer.MAX_VALUE, budget);
      slice.matches().forEach(message -> sids.add(message.sid()));
      if (slice.finished()) {
        return sids;
      }
      from = slice.last();
    }
  }

  private static List<String> sids(List<PackedMessage> messages) {
    return messages.stream().map(PackedMessage::sid).toList();
  }

  @Test
  void walksNewestFirstWhateverTheOrderOfArrival() {
    PackedMessage late = message(1, 5);
    PackedMessage early = message(2, 1);
    PackedMessage sameTimeLowerSid = message(0, 5);

    AccountListing listing = listingOf(List.of(late, early, sameTimeLowerSid));

    assertThat(newestFirst(listing, 10))
        .containsExactly(late.sid(), sameTimeLowerSid.sid(), early.sid());
    assertThat(listing.size()).isEqualTo(3);
  }

  @Test
  void aLaterRecordOfAMessageTakesItsSlot() {
    Message queued = record(1, 1);
    AccountListing listing = listingOf(List.of(PackedMessage.of(queued), message(2, 2)));

    listing.put(PackedMessage.of(queued.withStatus(MessageStatus.SENDING, T0.plusSeconds(3))));

    AccountListing.Slice all = listing.walk(null, false, EVERY, 10, 10);
    assertThat(all.matches()).extracting(PackedMessage::status)
        .containsExactly(MessageStatus.SENDING, MessageStatus.QUEUED);
    assertThat(listing.size()).isEqualTo(2);
  }

  @Test
  void walksStrictlyBeyondACursorEitherWayEvenOneThatWasDeleted() {
    List<PackedMessage> messages = new ArrayList<>();
    for (int n = 1; n <= 6; n++) {
      messages.add(message(n, n));
    }
    AccountListing listing = listingOf(messages);
    PackedMessage cursor = messages.get(3);

    assertThat(sids(listing.walk(cursor, true, EVERY, 10, 10).matches()))
        .containsExactly(messages.get(2).sid(), messages.get(1).sid(), messages.get(0).sid());
    assertThat(sids(listing.walk(cursor, false, EVERY, 10, 10).matches()))
        .containsExactly(messages.get(4).sid(), messages.get(5).sid());

    listing.remove(cursor);

    assertThat(sids(listing.walk(cursor, true, EVERY, 1, 10).matches()))
        .containsExactly(messages.get(2).sid());
    assertThat(sids(listing.walk(cursor, false, EVERY, 1, 10).matches()))
        .containsExactly(messages.get(4).sid());
    assertThat(listing.size()).isEqualTo(5);
  }

  @Test
  void aSliceStopsAtItsBudgetOrAtWhatIsWantedAndSaysWhereToGoOn() {
    List<PackedMessage> messages = new ArrayList<>();
    for (int n = 1; n <= 10; n++) {
      messages.add(message(n, n));
    }
    AccountListing listing = listingOf(messages);
    Predicate<PackedMessage> even = message -> message.createdMicros() / 1_000_000 % 2 == 0;

    AccountListing.Slice first = listing.walk(null, true, even, 10, 3);
    assertThat(sids(first.matches())).containsExactly(messages.get(9).sid(), messages.get(7).sid());
    assertThat(first.last()).isEqualTo(messages.get(7));
    assertThat(first.finished()).isFalse();

    AccountListing.Slice enough = listing.walk(first.last(), true, even, 1, 100);
    assertThat(sids(enough.matches())).containsExactly(messages.get(5).sid());
    assertThat(enough.finished()).isFalse();

    AccountListing.Slice rest = listing.walk(enough.last(), true, even, 10, 100);
    assertThat(sids(rest.matches())).containsExactly(messages.get(3).sid(), messages.get(1).sid());
    assertThat(rest.finished()).isTrue();
  }

  @Test
  void aDeletedMessagePutAgainIsListedOnceMore() {
    PackedMessage message = message(1, 1);
    AccountListing listing = listingOf(List.of(message, message(2, 2)));

    listing.remove(message);
    listing.remove(message);
    assertThat(listing.size()).isEqualTo(1);

    listing.put(message);
    assertThat(newestFirst(listing, 10)).containsExactly(message(2, 2).sid(), message.sid());
    assertThat(listing.size()).isEqualTo(2);
  }

  /**
   * Arrivals a little out of order, deletions (then nearly all leaving, which compacts), growth,
   * and walks in small slices: the listing always agrees with a sorted map given the same changes.
   */
  @Test
  void agreesWithASortedMapThroughRandomChanges() {
    Comparator<PackedMessage> newestFirst = Comparator.comparingLong(PackedMessage::createdMicros)
        .thenComparing(PackedMessage::sid).reversed();
    TreeMap<PackedMessage, PackedMessage> expected = new TreeMap<>(newestFirst);
    AccountListing listing = new AccountListing();
    List<PackedMessage> held = new ArrayList<>();
    Random random = new Random(8);
    for (int n = 0; n < 20_000; n++) {
      if (!held.isEmpty() && random.nextInt(3) == 0) {
        PackedMessage leaving = held.remove(random.nextInt(held.size()));
        listing.remove(leaving);
        expected.remove(leaving);
      } else {
        // Mostly in order, sometimes up to 50 seconds early, now and then at a taken second.
        PackedMessage arriving = message(n, n - random.nextInt(random.nextInt(10) == 0 ? 50 : 1));
        listing.put(arriving);
        expected.put(arriving, arriving);
        held.add(arriving);
      }
      if (n % 997 == 0) {
        assertThat(newestFirst(listing, 1 + random.nextInt(40)))
            .containsExactlyElementsOf(sids(new ArrayList<>(expected.keySet())));
      }
    }
    // Nearly all leave: the array compacts into smaller ones on the way.
    while (held.size() > 10) {
      PackedMessage leaving = held.remove(random.nextInt(held.size()));
      listing.remove(leaving);
      expected.remove(leaving);
      if (held.size() % 1000 == 0) {
        assertThat(newestFirst(listing, 1 + random.nextInt(40)))
            .containsExactlyElementsOf(sids(new ArrayList<>(expected.keySet())));
      }
    }
    assertThat(listing.size()).isEqualTo(expected.size());
    assertThat(newestFirst(listing, 7))
        .containsExactlyElementsOf(sids(new ArrayList<>(expected.keySet())));
  }
}
