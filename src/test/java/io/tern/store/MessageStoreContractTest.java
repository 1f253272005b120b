package io.tern.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every {@link MessageStore} promises. Subclasses supply the store; each test works in
 * accounts of its own, so tests may share one store (and one database schema).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
public abstract class MessageStoreContractTest {

  /** Has nanoseconds, which the store keeps only to the microsecond. */
  protected static final Instant T0 = Instant.parse("2024-05-01T12:00:00.123456789Z");
  protected static final Instant T0_STORED = Instant.parse("2024-05-01T12:00:00.123456Z");

  protected final String account = Sids.generate(Sids.ACCOUNT);
  protected final String otherAccount = Sids.generate(Sids.ACCOUNT);
  // Sids of one test sort by n and never collide with another test's.
  private final String sidPrefix = Sids.generate(Sids.MESSAGE).substring(0, 18);

  protected abstract MessageStore store();

  protected String sid(int n) {
    return sidPrefix + String.format("%016x", n);
  }

  protected Message message(int n, Instant created) {
    return message(account, sid(n), created, "+15005550006", "+15005550001", null);
  }

  protected static Message message(
      String accountSid, String sid, Instant created, String to, String from, Instant sent) {
    return new Message(sid, accountSid, to, from, null, "Hello " + sid, MessageStatus.QUEUED,
        Message.OUTBOUND_API, 1, "GSM", List.of(), null, null, null, "USD",
        "https://app.example.com/status", 36000, null, created, created, sent);
  }

  private static Message withMedia(Message m, Instant created) {
    List<Media> media = List.of(
        new Media(Sids.generate(Sids.MEDIA), m.accountSid(), m.sid(),
            "https://cdn.example.com/a.png", "image/png", created),
        new Media(Sids.generate(Sids.MEDIA), m.accountSid(), m.sid(),
            "https://cdn.example.com/b.jpg", "image/jpeg", created));
    return new Message(m.sid(), m.accountSid(), m.to(), m.from(), m.messagingServiceSid(),
        m.body(), m.status(), m.direction(), m.numSegments(), m.encoding(), media, m.errorCode(),
        m.errorMessage(), m.price(), m.priceUnit(), m.statusCallback(), m.validityPeriod(),
        m.sendAt(), m.dateCreated(), m.dateUpdated(), m.dateSent());
  }

  private MessageQuery all(int pageSize, String afterSid) {
    return new MessageQuery(account, null, null, null, null, pageSize, afterSid);
  }

  private static List<String> sids(Page<Message> page) {
    return page.items().stream().map(Message::sid).toList();
  }

  @Test
  void insertedMessageIsFoundAsStoredWithMediaInOrder(VertxTestContext ctx) {
    Message mms = withMedia(message(1, T0), T0);

    store().insert(mms, null)
        .andThen(ctx.succeeding(inserted -> ctx.verify(() -> {
          assertThat(inserted.dateCreated()).isEqualTo(T0_STORED);
          assertThat(inserted.media()).extracting(Media::url).containsExactly(
              "https://cdn.example.com/a.png", "https://cdn.example.com/b.jpg");
          assertThat(inserted.media()).extracting(Media::dateCreated).containsOnly(T0_STORED);
        })))
        .compose(inserted -> store().find(account, mms.sid())
            .map(found -> found.equals(Optional.of(inserted))))
        .onComplete(ctx.succeeding(equal -> ctx.verify(() -> {
          assertThat(equal).as("find returns what insert returned").isTrue();
          ctx.completeNow();
        })));
  }

  @Test
  void anotherAccountCannotReachTheMessage(VertxTestContext ctx) {
    Message mine = withMedia(message(1, T0), T0);
    Message forged = new Message(mine.sid(), otherAccount, mine.to(), mine.from(), null, "",
        MessageStatus.CANCELED, mine.direction(), 1, "GSM", List.of(), null, null, null, "USD",
        null, 36000, null, T0, T0, null);
    String mediaSid = mine.media().get(0).sid();

    store().insert(mine, null)
        .compose(x -> store().find(otherAccount, mine.sid()))
        .andThen(ctx.succeeding(found -> ctx.verify(() -> assertThat(found).isEmpty())))
        .compose(x -> store().list(new MessageQuery(otherAccount, null, null, null, null, 50, null)))
        .andThen(ctx.succeeding(page -> ctx.verify(() -> assertThat(page.items()).isEmpty())))
        .compose(x -> store().list(
            new MessageQuery(otherAccount, null, null, null, null, 50, mine.sid())))
        .andThen(ctx.succeeding(page -> ctx.verify(() -> assertThat(page.items()).isEmpty())))
        .compose(x -> store().update(forged).map("updated").recover(e -> Future.succeededFuture(
            e instanceof NotFoundException ? "not found" : e.toString())))
        .andThen(ctx.succeeding(outcome -> ctx.verify(
            () -> assertThat(outcome).isEqualTo("not found"))))
        .compose(x -> store().deleteMedia(otherAccount, mine.sid(), mediaSid))
        .andThen(ctx.succeeding(deleted -> ctx.verify(() -> assertThat(deleted).isFalse())))
        .compose(x -> store().delete(otherAccount, mine.sid()))
        .andThen(ctx.succeeding(deleted -> ctx.verify(() -> assertThat(deleted).isFalse())))
        .compose(x -> store().find(account, mine.sid()))
        .onComplete(ctx.succeeding(found -> ctx.verify(() -> {
          assertThat(found).as("untouched").contains(StoredForm.of(mine));
          ctx.completeNow();
        })));
  }

  @Test
  void listsNewestFirstThenBySidAcrossPages(VertxTestContext ctx) {
    // Messages 4 and 5 share a creation time: the higher sid comes first.
    int[] secondsAfterT0 = {0, 1, 2, 3, 3, 4, 5};
    List<Future<Message>> inserts = new ArrayList<>();
    for (int i = 0; i < secondsAfterT0.length; i++) {
      inserts.add(store().insert(message(i + 1, T0.plusSeconds(secondsAfterT0[i])), null));
    }
    inserts.add(store().insert(message(otherAccount, sid(99), T0.plusSeconds(9),
        "+15005550006", "+15005550001", null), null));
    List<Page<Message>> pages = new ArrayList<>();

    Future.all(inserts)
        .compose(x -> store().list(all(3, null))).andThen(ctx.succeeding(pages::add))
        .compose(page -> store().list(all(3, page.items().get(2).sid())))
        .andThen(ctx.succeeding(pages::add))
        .compose(page -> store().list(all(3, page.items().get(2).sid())))
        .andThen(ctx.succeeding(pages::add))
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          assertThat(sids(pages.get(0))).containsExactly(sid(7), sid(6), sid(5));
          assertThat(sids(pages.get(1))).containsExactly(sid(4), sid(3), sid(2));
          assertThat(sids(pages.get(2))).containsExactly(sid(1));
          assertThat(pages).extracting(Page::hasMore).containsExactly(true, true, false);
          ctx.completeNow();
        })));
  }

  @Test
  void exactlyFullLastPageHasNoMore(VertxTestContext ctx) {
    Future.all(store().insert(message(1, T0), null), store().insert(message(2, T0), null))
        .compose(x -> store().list(all(2, null)))
        .onComplete(ctx.succeeding(page -> ctx.verify(() -> {
          assertThat(sids(page)).containsExactly(sid(2), sid(1));
          assertThat(page.hasMore()).isFalse();
          ctx.completeNow();
        })));
  }

  @Test
  void filtersByToFromAndDateSentWithInclusiveFromAndExclusiveUntil(VertxTestContext ctx) {
    Instant day = Instant.parse("2024-06-01T00:00:00Z");
    String alice = "+14155550100";
    String bob = "+14155550101";
    String sender = "+15005550001";
    String otherSender = "+15005550002";
    Future<?> inserts = Future.all(List.of(
        store().insert(message(account, sid(1), T0, alice, sender, day.minusMillis(1)), null),
        store().insert(message(account, sid(2), T0, alice, sender, day), null),
        store().insert(message(account, sid(3), T0, bob, sender, day.plusSeconds(3600)), null),
        store().insert(message(account, sid(4), T0, alice, otherSender, day.plusSeconds(86400)),
            null),
        store().insert(message(account, sid(5), T0, alice, sender, null), null)));
    List<List<String>> results = new ArrayList<>();

    inserts
        .compose(x -> store().list(new MessageQuery(account, alice, null, null, null, 50, null)))
        .andThen(ctx.succeeding(page -> results.add(sids(page))))
        .compose(x -> store().list(
            new MessageQuery(account, null, otherSender, null, null, 50, null)))
        .andThen(ctx.succeeding(page -> results.add(sids(page))))
        .compose(x -> store().list(new MessageQuery(account, null, null, day,
            day.plusSeconds(86400), 50, null)))
        .andThen(ctx.succeeding(page -> results.add(sids(page))))
        .compose(x -> store().list(new MessageQuery(account, alice, sender, day, null, 50, null)))
        .andThen(ctx.succeeding(page -> results.add(sids(page))))
        .compose(x -> store().list(new MessageQuery(account, null, null, null, day, 50, null)))
        .andThen(ctx.succeeding(page -> results.add(sids(page))))
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          assertThat(results.get(0)).as("to").containsExactly(sid(5), sid(4), sid(2), sid(1));
          assertThat(results.get(1)).as("from").containsExactly(sid(4));
          assertThat(results.get(2)).as("one day of dateSent").containsExactly(sid(3), sid(2));
          assertThat(results.get(3)).as("to, from and since").containsExactly(sid(2));
          assertThat(results.get(4)).as("before").containsExactly(sid(1));
          ctx.completeNow();
        })));
  }

  @Test
  void updateReplacesFieldsButKeepsCreationTimeAndMedia(VertxTestContext ctx) {
    Message original = withMedia(message(1, T0), T0);
    Instant later = T0.plusSeconds(2);
    Message delivered = new Message(original.sid(), account, original.to(), original.from(),
        "MG00000000000000000000000000000000", "", MessageStatus.DELIVERED, original.direction(),
        2, "UCS2", List.of(), 30003, "Unreachable", "-0.0075", "USD", null, 600,
        null, later, later, T0.plusSeconds(1));

    store().insert(original, null)
        .compose(x -> store().update(delivered))
        .compose(updated -> store().find(account, original.sid())
            .map(found -> List.of(updated, found.orElseThrow())))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          Message updated = both.get(0);
          assertThat(both.get(1)).isEqualTo(updated);
          assertThat(updated.status()).isEqualTo(MessageStatus.DELIVERED);
          assertThat(updated.body()).isEmpty();
          assertThat(updated.errorCode()).isEqualTo(30003);
          assertThat(updated.numSegments()).isEqualTo(2);
          assertThat(updated.dateUpdated()).isEqualTo(StoredForm.of(later));
          assertThat(updated.dateSent()).isEqualTo(StoredForm.of(T0.plusSeconds(1)));
          assertThat(updated.dateCreated()).isEqualTo(T0_STORED);
          assertThat(updated.media()).isEqualTo(StoredForm.of(original).media());
          ctx.completeNow();
        })));
  }

  @Test
  void updateOfMissingMessageFailsWithNotFound(VertxTestContext ctx) {
    store().update(message(1, T0)).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertThat(e).isInstanceOf(NotFoundException.class);
      ctx.completeNow();
    })));
  }

  @Test
  void deleteRemovesTheMessageOnce(VertxTestContext ctx) {
    Message m = withMedia(message(1, T0), T0);
    List<Boolean> deletions = new ArrayList<>();

    store().insert(m, null)
        .compose(x -> store().delete(account, m.sid())).andThen(ctx.succeeding(deletions::add))
        .compose(x -> store().delete(account, m.sid())).andThen(ctx.succeeding(deletions::add))
        .compose(x -> store().find(account, m.sid()))
        .onComplete(ctx.succeeding(found -> ctx.verify(() -> {
          assertThat(deletions).containsExactly(true, false);
          assertThat(found).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  void deleteMediaRemovesOneItem(VertxTestContext ctx) {
    Message m = withMedia(message(1, T0), T0);
    Media first = m.media().get(0);
    List<Boolean> deletions = new ArrayList<>();

    store().insert(m, null)
        .compose(x -> store().deleteMedia(account, m.sid(), first.sid()))
        .andThen(ctx.succeeding(deletions::add))
        .compose(x -> store().deleteMedia(account, m.sid(), first.sid()))
        .andThen(ctx.succeeding(deletions::add))
        .compose(x -> store().find(account, m.sid()))
        .onComplete(ctx.succeeding(found -> ctx.verify(() -> {
          assertThat(deletions).containsExactly(true, false);
          assertThat(found.orElseThrow().media()).extracting(Media::sid)
              .containsExactly(m.media().get(1).sid());
          ctx.completeNow();
        })));
  }

  @Test
  void sameKeyTwiceReturnsTheFirstMessage(VertxTestContext ctx) {
    Message first = message(1, T0);
    Message retry = message(2, T0.plusSeconds(5));
    List<Message> answers = new ArrayList<>();

    store().insert(first, "order-17")
        .compose(x -> store().insert(retry, "order-17")).andThen(ctx.succeeding(answers::add))
        .compose(x -> store().list(all(50, null)))
        .onComplete(ctx.succeeding(page -> ctx.verify(() -> {
          assertThat(answers).containsExactly(StoredForm.of(first));
          assertThat(sids(page)).containsExactly(first.sid());
          ctx.completeNow();
        })));
  }

  @Test
  void sameKeyInTwoAccountsMakesTwoMessages(VertxTestContext ctx) {
    Message mine = message(1, T0);
    Message theirs = message(otherAccount, sid(2), T0, "+15005550006", "+15005550001", null);

    store().insert(mine, "order-17")
        .compose(x -> store().insert(theirs, "order-17"))
        .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          assertThat(answer.sid()).isEqualTo(theirs.sid());
          assertThat(answer.accountSid()).isEqualTo(otherAccount);
          ctx.completeNow();
        })));
  }

  @Test
  void keyAnswersForItsWindowOnly(VertxTestContext ctx) {
    Duration window = MessageStore.IDEMPOTENCY_WINDOW;
    Message first = message(1, T0);
    Message justInside = message(2, T0.plus(window).minusSeconds(1));
    Message outside = message(3, T0.plus(window));

    store().insert(first, "k")
        .compose(x -> store().insert(justInside, "k"))
        .andThen(ctx.succeeding(answer -> ctx.verify(
            () -> assertThat(answer.sid()).isEqualTo(first.sid()))))
        .compose(x -> store().insert(outside, "k"))
        .andThen(ctx.succeeding(answer -> ctx.verify(
            () -> assertThat(answer.sid()).as("a new message").isEqualTo(outside.sid()))))
        // The key now belongs to the newer message.
        .compose(x -> store().insert(message(4, T0.plus(window).plusSeconds(1)), "k"))
        .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          assertThat(answer.sid()).isEqualTo(outside.sid());
          ctx.completeNow();
        })));
  }

  @Test
  void expiredKeysNoLongerAnswer(VertxTestContext ctx) {
    store().insert(message(1, T0), "k")
        .compose(x -> store().expireIdempotencyKeys(T0.plusSeconds(1)))
        .compose(x -> store().insert(message(2, T0.plusSeconds(2)), "k"))
        .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          assertThat(answer.sid()).isEqualTo(sid(2));
          ctx.completeNow();
        })));
  }

  @Test
  void keyOfDeletedMessageIsForgotten(VertxTestContext ctx) {
    store().insert(message(1, T0), "k")
        .compose(x -> store().delete(account, sid(1)))
        .compose(x -> store().insert(message(2, T0.plusSeconds(2)), "k"))
        .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          assertThat(answer.sid()).isEqualTo(sid(2));
          ctx.completeNow();
        })));
  }

  @Test
  void concurrentInsertsWithOneKeyCommitOneMessage(VertxTestContext ctx) {
    List<Future<Message>> inserts = IntStream.rangeClosed(1, 8)
        .mapToObj(n -> store().insert(message(n, T0.plusMillis(n)), "same-key"))
        .toList();

    Future.all(inserts)
        .compose(x -> store().list(all(50, null)))
        .onComplete(ctx.succeeding(page -> ctx.verify(() -> {
          assertThat(page.items()).hasSize(1);
          assertThat(inserts).extracting(f -> f.result().sid())
              .containsOnly(page.items().get(0).sid());
          ctx.completeNow();
        })));
  }

  @Test
  void duplicateSidIsRefused(VertxTestContext ctx) {
    store().insert(message(1, T0), null)
        .compose(x -> store().insert(message(1, T0.plusSeconds(1)), null))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(e).isInstanceOf(DuplicateException.class);
          ctx.completeNow();
        })));
  }

  @Test
  void feedbackIsSavedForOwnMessagesAndKeepsItsCreationTime(VertxTestContext ctx) {
    Instant later = T0.plusSeconds(60);

    store().insert(message(1, T0), null)
        .compose(x -> store().saveFeedback(new Feedback(account, sid(1), "unconfirmed", T0, T0)))
        .compose(x -> store().saveFeedback(
            new Feedback(account, sid(1), "confirmed", later, later)))
        .andThen(ctx.succeeding(saved -> ctx.verify(() -> assertThat(saved).isEqualTo(
            new Feedback(account, sid(1), "confirmed", T0_STORED, StoredForm.of(later))))))
        .compose(x -> store().saveFeedback(
            new Feedback(otherAccount, sid(1), "confirmed", later, later)))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(e).isInstanceOf(NotFoundException.class);
          ctx.completeNow();
        })));
  }
}
