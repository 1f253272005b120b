package io.tern.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.message.Message;
import io.tern.message.MessageFixture;
import io.tern.message.MessageStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SenderQueueIndexTest {
  private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");
  private static final String ACCOUNT = "AC00000000000000000000000000000001";

  private static Message message(int n, long secondsAfterT0) {
    return MessageFixture.queued(String.format("SM%032d", n), ACCOUNT, "+14155550100",
        T0.plusSeconds(secondsAfterT0)).build();
  }

  /** A queue holding these messages, put in the order given. */
  private static SenderQueueIndex queueOf(Message... messages) {
    SenderQueueIndex queue = new SenderQueueIndex();
    for (Message message : messages) {
      queue.put(PackedMessage.of(message));
    }
    return queue;
  }

  private static List<String> sids(List<Message> messages) {
    return messages.stream().map(Message::sid).toList();
  }

  @Test
  void keepsCreationOrderWhateverTheOrderOfArrival() {
    Message late = message(1, 5);
    Message early = message(2, 1);
    Message sameTimeLowerSid = message(0, 5);

    SenderQueueIndex queue = queueOf(late, early, sameTimeLowerSid);

    assertThat(sids(queue.after(null, null, 10)))
        .containsExactly(early.sid(), sameTimeLowerSid.sid(), late.sid());
    assertThat(queue.size()).isEqualTo(3);
  }

  @Test
  void aMessageAtAPositionHeldIsReplacedNotAddedTwice() {
    Message queued = message(1, 1);
    SenderQueueIndex queue = queueOf(queued);

    queue.put(PackedMessage.of(queued.withStatus(MessageStatus.SENDING, T0.plusSeconds(2))));

    assertThat(queue.after(null, null, 10)).extracting(Message::status)
        .containsExactly(MessageStatus.SENDING);
    assertThat(queue.size()).isEqualTo(1);
  }

  @Test
  void pagesStrictlyAfterACursorSkippingTheMessagesThatLeft() {
    List<Message> messages = new ArrayList<>();
    for (int n = 1; n <= 6; n++) {
      messages.add(message(n, n));
    }
    SenderQueueIndex queue = queueOf(messages.toArray(Message[]::new));
    queue.remove(messages.get(0));
    queue.remove(messages.get(3));

    assertThat(sids(queue.after(null, null, 2)))
        .containsExactly(messages.get(1).sid(), messages.get(2).sid());
    Message cursor = messages.get(2);
    assertThat(sids(queue.after(cursor.dateCreated(), cursor.sid(), 10)))
        .containsExactly(messages.get(4).sid(), messages.get(5).sid());
    // A cursor at a position no message holds (one that left) pages from the next.
    Message gone = messages.get(3);
    assertThat(sids(queue.after(gone.dateCreated(), gone.sid(), 10)))
        .containsExactly(messages.get(4).sid(), messages.get(5).sid());
    assertThat(queue.size()).isEqualTo(4);
  }

  @Test
  void aMessageThatLeftCanComeBackToItsPlace() {
    Message first = message(1, 1);
    Message second = message(2, 2);
    Message third = message(3, 3);
    SenderQueueIndex queue = queueOf(first, second, third);

    queue.remove(second);
    queue.put(PackedMessage.of(second));

    assertThat(sids(queue.after(null, null, 10)))
        .containsExactly(first.sid(), second.sid(), third.sid());
    assertThat(queue.size()).isEqualTo(3);
  }

  @Test
  void removingWhatIsNotThereChangesNothing() {
    Message held = message(1, 1);
    SenderQueueIndex queue = queueOf(held);

    queue.remove(message(2, 2));
    queue.remove(held);
    queue.remove(held);

    assertThat(queue.size()).isZero();
    assertThat(queue.after(null, null, 10)).isEmpty();
  }

  /** Thousands of random puts and removes, checked at every step against a sorted map. */
  @Test
  void agreesWithASortedMapThroughGrowthAndCompaction() {
    Random random = new Random(7);
    SenderQueueIndex queue = new SenderQueueIndex();
    TreeMap<String, Message> expected = new TreeMap<>();
    List<Message> all = new ArrayList<>();
    for (int n = 0; n < 400; n++) {
      // Mostly in order, some late arrivals, some sharing a second.
      all.add(message(n, random.nextInt(10) == 0 ? random.nextInt(n + 1) : n));
    }
    for (int step = 0; step < 5_000; step++) {
      Message message = all.get(random.nextInt(all.size()));
      String key = message.dateCreated() + " " + message.sid();
      if (random.nextInt(3) == 0) {
        queue.remove(message);
        expected.remove(key);
      } else {
        queue.put(PackedMessage.of(message));
        expected.put(key, message);
      }
      assertThat(queue.size()).as("step %d", step).isEqualTo(expected.size());
    }
    assertThat(queue.after(null, null, 1_000)).containsExactlyElementsOf(expected.values());
    List<Message> forEach = new ArrayList<>();
    queue.forEach(packed -> forEach.add(packed.unpack()));
    assertThat(forEach).containsExactlyElementsOf(expected.values());
  }
}
