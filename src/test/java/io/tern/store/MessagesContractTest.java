package io.tern.store;

import io.tern.message.Media;
import io.tern.message.Message;
import io.tern.message.MessageStatus;
import io.tern.message.StatusChange;

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
 * What every store promises of {@link Messages}: created, read, listed, redacted and deleted
 * within their account, idempotency keys, feedback.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
public abstract class MessagesContractTest extends StoreContractFixture {
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
    String mediaSid = mine.media().get(0).sid();

    store().insert(mine, null)
        .compose(x -> store().find(otherAccount, mine.sid()))
        .andThen(ctx.succeeding(found -> ctx.verify(() -> assertThat(found).isEmpty())))
        .compose(x -> store().list(new MessageQuery(otherAccount, null, null, null, null, 50, null)))
        .andThen(ctx.succeeding(page -> ctx.verify(() -> assertThat(page.items()).isEmpty())))
        .compose(x -> store().list(
            new MessageQuery(otherAccount, null, null, null, null, 50, mine.sid())))
        .andThen(ctx.succeeding(page -> ctx.verify(() -> assertThat(page.items()).isEmpty())))
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
  void walksBackToNewerMessagesFromAPagesFirstSid(VertxTestContext ctx) {
    // Messages 4 and 5 share a creation time: the higher sid is the newer in the order.
    int[] secondsAfterT0 = {0, 1, 2, 3, 3, 4, 5};
    List<Future<Message>> inserts = new ArrayList<>();
    for (int i = 0; i < secondsAfterT0.length; i++) {
      inserts.add(store().insert(message(i + 1, T0.plusSeconds(secondsAfterT0[i])), null));
    }
    List<Page<Message>> pages = new ArrayList<>();

    Future.all(inserts)
        .compose(x -> store().list(back(3, sid(1)))).andThen(ctx.succeeding(pages::add))
        .compose(x -> store().list(back(3, sid(4)))).andThen(ctx.succeeding(pages::add))
        .compose(x -> store().list(back(3, sid(7)))).andThen(ctx.succeeding(pages::add))
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          assertThat(sids(pages.get(0))).containsExactly(sid(4), sid(3), sid(2));
          assertThat(sids(pages.get(1))).containsExactly(sid(7), sid(6), sid(5));
          assertThat(sids(pages.get(2))).isEmpty();
          assertThat(pages).extracting(Page::hasMore).containsExactly(true, false, false);
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
  void aKeyFindsItsMessageInItsAccountOnly(VertxTestContext ctx) {
    Message mine = message(1, T0);

    store().insert(mine, "inbound-7")
        .compose(x -> Future.all(store().findByIdempotencyKey(account, "inbound-7"),
            store().findByIdempotencyKey(otherAccount, "inbound-7"),
            store().findByIdempotencyKey(account, "inbound-8")))
        .onComplete(ctx.succeeding(found -> ctx.verify(() -> {
          assertThat(found.<Optional<Message>>resultAt(0)).contains(StoredForm.of(mine));
          assertThat(found.<Optional<Message>>resultAt(1)).isEmpty();
          assertThat(found.<Optional<Message>>resultAt(2)).isEmpty();
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

  @Test
  void redactionEmptiesTheBodyOfFinalMessagesOnly(VertxTestContext ctx) {
    List<Optional<Message>> results = new ArrayList<>();
    insertAll(queued(1, T0, sender(1), 1))
        .compose(x -> store().redact(account, sid(1), T0.plusSeconds(1)))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> apply(StatusChange.sent(sid(1), T0.plusSeconds(2))))
        .compose(x -> store().redact("AC" + "f".repeat(32), sid(1), T0.plusSeconds(3)))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> store().redact(account, sid(1), T0.plusSeconds(3)))
        .onComplete(ctx.succeeding(redacted -> ctx.verify(() -> {
          assertThat(results.get(0)).as("queued: not yet").isEmpty();
          assertThat(results.get(1)).as("another account").isEmpty();
          assertThat(redacted).isPresent();
          assertThat(redacted.get().body()).isEmpty();
          assertThat(redacted.get().status()).isEqualTo(MessageStatus.SENT);
          ctx.completeNow();
        })));
  }
}
