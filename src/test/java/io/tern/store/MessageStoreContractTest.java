package io.tern.store;

import io.tern.message.Media;
import io.tern.message.Message;
import io.tern.message.MessageFixture;
import io.tern.message.MessageStatus;
import io.tern.message.Sids;
import io.tern.message.StatusChange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.vertx.core.Future;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every {@link MessageStore} promises. Subclasses supply the store and the registry its
 * Messaging Services live in; each test works in accounts, senders and (for queries over the
 * whole store) eras of its own, so tests may share one store (and one database schema).
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

  /** The registry whose Messaging Services the store resolves callback URLs from. */
  protected abstract AccountRegistry accounts();

  protected String sid(int n) {
    return sidPrefix + String.format("%016x", n);
  }

  protected Message message(int n, Instant created) {
    return message(account, sid(n), created, "+15005550006", "+15005550001", null);
  }

  protected static Message message(
      String accountSid, String sid, Instant created, String to, String from, Instant sent) {
    return MessageFixture.queued(sid, accountSid, from, created)
        .to(to)
        .body("Hello " + sid)
        .statusCallback("https://app.example.com/status")
        .dateSent(sent)
        .build();
  }

  private static Message withMedia(Message m, Instant created) {
    List<Media> media = List.of(
        new Media(Sids.generate(Sids.MEDIA), m.accountSid(), m.sid(),
            "https://cdn.example.com/a.png", "image/png", created),
        new Media(Sids.generate(Sids.MEDIA), m.accountSid(), m.sid(),
            "https://cdn.example.com/b.jpg", "image/jpeg", created));
    // No plan given: the message's plan is made again from its body and these media.
    return m.toBuilder().media(media).sendPlan(null).build();
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
    Message forged = MessageFixture.queued(mine.sid(), otherAccount, mine.from(), T0)
        .to(mine.to())
        .body("")
        .status(MessageStatus.CANCELED)
        .build();
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

  private MessageQuery back(int pageSize, String beforeSid) {
    return new MessageQuery(account, null, null, null, null, pageSize, null, beforeSid);
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
    Message delivered = MessageFixture.queued(original.sid(), account, original.from(), later)
        .to(original.to())
        .messagingServiceSid("MG00000000000000000000000000000000")
        .body("")
        .status(MessageStatus.DELIVERED)
        .numSegments(2)
        .encoding("UCS2")
        .errorCode(30003)
        .errorMessage("Unreachable")
        .price("-0.0075")
        .validityPeriod(600)
        .dateSent(T0.plusSeconds(1))
        .build();

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

  // Lifecycle: senders, status changes, callback outbox, recovery

  private static final String CALLBACK = "https://app.example.com/status";
  private static final String SERVICE_CALLBACK = "https://service.example.com/status";
  /** Statuses, callbacks and queues of one test: no other test uses its sender numbers. */
  private final String senderPrefix =
      "+1555" + String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));

  /** A US number of this test's own. */
  protected String sender(int n) {
    return senderPrefix + String.format("%02d", n);
  }

  private Message outbound(int n, Instant created, String from, String serviceSid,
      MessageStatus status, int segments, String statusCallback) {
    return MessageFixture.queued(sid(n), account, from, created)
        .messagingServiceSid(serviceSid)
        .body("Hello " + n)
        .status(status)
        .numSegments(segments)
        .encoding(from == null ? null : "GSM")
        .statusCallback(statusCallback)
        .build();
  }

  /** Queued behind its own number, with a status callback. */
  private Message queued(int n, Instant created, String from, int segments) {
    return outbound(n, created, from, null, MessageStatus.QUEUED, segments, CALLBACK);
  }

  /** Created through a Messaging Service, waiting for a sender. */
  private Message unassigned(int n, Instant created, String serviceSid, String statusCallback) {
    return outbound(n, created, null, serviceSid, MessageStatus.ACCEPTED, 0, statusCallback);
  }

  private MessagingService service(String statusCallback) {
    return new MessagingService(Sids.generate(Sids.SERVICE), account, "Notifications", null,
        "POST", null, "POST", statusCallback, true, true, false, "inherit", false, false, 36000,
        true, "undeclared", true, T0, T0);
  }

  private Future<Void> insertAll(Message... messages) {
    return Future.all(Arrays.stream(messages).map(m -> store().insert(m, null)).toList())
        .mapEmpty();
  }

  private Future<List<Message>> apply(StatusChange... changes) {
    return store().applyStatusChanges(List.of(changes));
  }

  /** This test's callbacks due at {@code now}, in the store's order. */
  private Future<List<PendingCallback>> due(Instant now) {
    return store().dueCallbacks(now, 10_000).map(all -> all.stream()
        .filter(callback -> callback.accountSid().equals(account))
        .toList());
  }

  private static List<String> sidsOf(List<Message> messages) {
    return messages.stream().map(m -> m == null ? null : m.sid()).toList();
  }

  private static List<MessageStatus> statusesOf(List<Message> messages) {
    return messages.stream().map(m -> m == null ? null : m.status()).toList();
  }

  @Test
  void lateSentAfterDeliveredIsIgnored(VertxTestContext ctx) {
    Instant sentAt = T0.plusSeconds(1);
    Instant deliveredAt = T0.plusSeconds(2);
    List<List<Message>> answers = new ArrayList<>();

    insertAll(queued(1, T0, sender(1), 1))
        .compose(x -> apply(StatusChange.sent(sid(1), sentAt))).andThen(ctx.succeeding(answers::add))
        .compose(x -> apply(StatusChange.to(sid(1), MessageStatus.DELIVERED, deliveredAt)))
        .andThen(ctx.succeeding(answers::add))
        .compose(x -> apply(StatusChange.sent(sid(1), T0.plusSeconds(3))))
        .andThen(ctx.succeeding(answers::add))
        .compose(x -> store().find(account, sid(1)))
        .onComplete(ctx.succeeding(found -> ctx.verify(() -> {
          assertThat(statusesOf(answers.get(0))).containsExactly(MessageStatus.SENT);
          assertThat(answers.get(0).get(0).dateSent()).isEqualTo(StoredForm.of(sentAt));
          assertThat(statusesOf(answers.get(1))).containsExactly(MessageStatus.DELIVERED);
          assertThat(answers.get(2)).as("not applied").containsExactly((Message) null);
          Message message = found.orElseThrow();
          assertThat(message.status()).isEqualTo(MessageStatus.DELIVERED);
          assertThat(message.dateUpdated()).isEqualTo(StoredForm.of(deliveredAt));
          assertThat(message).isEqualTo(answers.get(1).get(0));
          ctx.completeNow();
        })));
  }

  @Test
  void failedStaysFailed(VertxTestContext ctx) {
    insertAll(queued(1, T0, sender(1), 1))
        .compose(x -> apply(StatusChange.failed(sid(1), MessageStatus.FAILED, T0.plusSeconds(1),
            30001, "Queue overflow")))
        .compose(x -> apply(StatusChange.to(sid(1), MessageStatus.DELIVERED, T0.plusSeconds(2)),
            StatusChange.sent(sid(1), T0.plusSeconds(2)),
            StatusChange.to(sid(1), MessageStatus.QUEUED, T0.plusSeconds(2))))
        .andThen(ctx.succeeding(answers -> ctx.verify(
            () -> assertThat(answers).containsExactly(null, null, null))))
        .compose(x -> store().find(account, sid(1)))
        .onComplete(ctx.succeeding(found -> ctx.verify(() -> {
          Message message = found.orElseThrow();
          assertThat(message.status()).isEqualTo(MessageStatus.FAILED);
          assertThat(message.errorCode()).isEqualTo(30001);
          assertThat(message.errorMessage()).isEqualTo("Queue overflow");
          assertThat(message.dateSent()).isNull();
          ctx.completeNow();
        })));
  }

  @Test
  void changesToOneMessageInOneBatchApplyInOrder(VertxTestContext ctx) {
    Instant t = T0.plusSeconds(10);
    insertAll(queued(1, T0, sender(1), 1), queued(2, T0, sender(1), 1))
        .compose(x -> apply(
            StatusChange.to(sid(2), MessageStatus.SENDING, t),
            StatusChange.to(sid(1), MessageStatus.SENDING, t),
            StatusChange.sent(sid(2), t.plusSeconds(1)),
            StatusChange.to(sid(9), MessageStatus.SENT, t),
            StatusChange.to(sid(2), MessageStatus.DELIVERED, t.plusSeconds(2)),
            StatusChange.sent(sid(2), t.plusSeconds(3)),
            StatusChange.failed(sid(1), MessageStatus.FAILED, t.plusSeconds(1), 30008, "Unknown")))
        .onComplete(ctx.succeeding(answers -> ctx.verify(() -> {
          assertThat(sidsOf(answers))
              .containsExactly(sid(2), sid(1), sid(2), null, sid(2), null, sid(1));
          assertThat(statusesOf(answers)).containsExactly(MessageStatus.SENDING,
              MessageStatus.SENDING, MessageStatus.SENT, null, MessageStatus.DELIVERED, null,
              MessageStatus.FAILED);
          Message delivered = answers.get(4);
          assertThat(delivered.dateSent()).as("kept from sent").isEqualTo(StoredForm.of(t.plusSeconds(1)));
          assertThat(delivered.dateUpdated()).isEqualTo(StoredForm.of(t.plusSeconds(2)));
          ctx.completeNow();
        })));
  }

  @Test
  void aRefusedChangeOfOneMessageDoesNotStopItsLaterChangesNorOtherMessagesInOneBatch(
      VertxTestContext ctx) {
    // Several changes of several messages, interleaved: each message's changes apply in list
    // order, a refused one (delivered before sent, a repeated sent) in between changes nothing,
    // and every applied reported change writes its message's next callback, the first one due.
    Instant t = T0.plusSeconds(10);
    insertAll(queued(1, T0, sender(1), 1), queued(2, T0, sender(1), 1),
        queued(3, T0, sender(1), 1))
        .compose(x -> apply(
            StatusChange.to(sid(3), MessageStatus.SENDING, t),
            StatusChange.sent(sid(1), t),
            StatusChange.to(sid(3), MessageStatus.QUEUED, t),
            StatusChange.delivered(sid(1), t.plusSeconds(1), t),
            StatusChange.to(sid(9), MessageStatus.SENDING, t),
            StatusChange.sent(sid(3), t.plusSeconds(1)),
            StatusChange.sent(sid(1), t.plusSeconds(2)),
            StatusChange.undelivered(sid(3), t.plusSeconds(2), 30003, "Unreachable", t),
            StatusChange.to(sid(2), MessageStatus.SENDING, t)))
        .andThen(ctx.succeeding(answers -> ctx.verify(() -> {
          assertThat(sidsOf(answers)).containsExactly(sid(3), sid(1), null, sid(1), null,
              sid(3), null, sid(3), sid(2));
          assertThat(statusesOf(answers)).containsExactly(MessageStatus.SENDING,
              MessageStatus.SENT, null, MessageStatus.DELIVERED, null, MessageStatus.SENT, null,
              MessageStatus.UNDELIVERED, MessageStatus.SENDING);
          assertThat(answers.get(7).errorCode()).isEqualTo(30003);
          assertThat(answers.get(7).dateSent()).isEqualTo(StoredForm.of(t.plusSeconds(1)));
        })))
        .compose(x -> Future.all(store().callbacks(account, sid(1)),
            store().callbacks(account, sid(3)), due(t.plusSeconds(3600))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          List<PendingCallback> first = all.resultAt(0);
          List<PendingCallback> third = all.resultAt(1);
          List<PendingCallback> due = all.resultAt(2);
          assertThat(first).extracting(PendingCallback::status, PendingCallback::sequence)
              .containsExactly(tuple(MessageStatus.SENT, 1), tuple(MessageStatus.DELIVERED, 2));
          assertThat(third).extracting(PendingCallback::status, PendingCallback::sequence)
              .containsExactly(tuple(MessageStatus.SENT, 1),
                  tuple(MessageStatus.UNDELIVERED, 2));
          assertThat(third.get(1).params()).containsEntry("ErrorCode", "30003")
              .containsKey("RawDlrDoneDate");
          assertThat(first.get(0).params()).doesNotContainKey("ErrorCode");
          assertThat(due).as("each message's first callback alone is due")
              .extracting(PendingCallback::messageSid, PendingCallback::sequence)
              .containsExactlyInAnyOrder(tuple(sid(1), 1), tuple(sid(3), 1));
          ctx.completeNow();
        })));
  }

  @Test
  void onlyAScheduledMessageIsCanceled(VertxTestContext ctx) {
    Message scheduled = outbound(1, T0, null, "MG00000000000000000000000000000001",
        MessageStatus.SCHEDULED, 0, null);
    Message released = outbound(2, T0, null, "MG00000000000000000000000000000001",
        MessageStatus.SCHEDULED, 0, null);

    insertAll(scheduled, released)
        .compose(x -> apply(StatusChange.assigned(sid(2), T0.plusSeconds(1), sender(1), 1, "GSM")))
        .compose(x -> apply(StatusChange.to(sid(1), MessageStatus.CANCELED, T0.plusSeconds(2)),
            StatusChange.to(sid(2), MessageStatus.CANCELED, T0.plusSeconds(2))))
        .onComplete(ctx.succeeding(answers -> ctx.verify(() -> {
          assertThat(statusesOf(answers)).containsExactly(MessageStatus.CANCELED, null);
          ctx.completeNow();
        })));
  }

  @Test
  void assignedSenderPutsTheMessageInThatSendersQueue(VertxTestContext ctx) {
    String service = "MG00000000000000000000000000000002";
    Instant at = T0.plusSeconds(5);
    List<List<Message>> queues = new ArrayList<>();

    insertAll(unassigned(1, T0, service, null), unassigned(2, T0.plusMillis(1), service, null))
        .compose(x -> apply(StatusChange.assigned(sid(1), at, sender(1), 2, "UCS2"),
            StatusChange.assigned(sid(2), at, "Tern", 1, "GSM")))
        .andThen(ctx.succeeding(answers -> ctx.verify(() -> {
          Message assigned = answers.get(0);
          assertThat(assigned.status()).isEqualTo(MessageStatus.QUEUED);
          assertThat(assigned.from()).isEqualTo(sender(1));
          assertThat(assigned.numSegments()).isEqualTo(2);
          assertThat(assigned.encoding()).isEqualTo("UCS2");
          assertThat(assigned.senderKey()).isEqualTo(sender(1));
          assertThat(answers.get(1).senderKey()).isEqualTo(account + ":Tern");
        })))
        .compose(x -> store().queuedForSender(sender(1), null, null, 10))
        .andThen(ctx.succeeding(queues::add))
        .compose(x -> store().queuedForSender(account + ":Tern", null, null, 10))
        .andThen(ctx.succeeding(queues::add))
        .compose(x -> store().backlog())
        .onComplete(ctx.succeeding(backlog -> ctx.verify(() -> {
          assertThat(sidsOf(queues.get(0))).containsExactly(sid(1));
          assertThat(sidsOf(queues.get(1))).containsExactly(sid(2));
          assertThat(backlog).contains(new SenderBacklog(sender(1), 1, 2),
              new SenderBacklog(account + ":Tern", 1, 1));
          ctx.completeNow();
        })));
  }

  @Test
  void backlogSumsQueuedAndSendingMessagesPerSender(VertxTestContext ctx) {
    insertAll(queued(1, T0, sender(1), 1), queued(2, T0, sender(1), 3),
        queued(3, T0, sender(2), 2), queued(4, T0, sender(2), 4), queued(5, T0, sender(1), 7))
        .compose(x -> apply(StatusChange.to(sid(3), MessageStatus.SENDING, T0.plusSeconds(1)),
            StatusChange.sent(sid(4), T0.plusSeconds(1)),
            StatusChange.failed(sid(5), MessageStatus.FAILED, T0.plusSeconds(1), 30001, "Full")))
        .compose(x -> store().backlog())
        .onComplete(ctx.succeeding(backlog -> ctx.verify(() -> {
          List<SenderBacklog> mine = backlog.stream()
              .filter(b -> b.senderKey().startsWith(senderPrefix))
              .toList();
          assertThat(mine).containsExactly(
              new SenderBacklog(sender(1), 2, 4), new SenderBacklog(sender(2), 1, 2));
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

  @Test
  void requeueInterruptedPutsSendingMessagesBackInTheirQueue(VertxTestContext ctx) {
    insertAll(queued(1, T0, sender(1), 1), queued(2, T0.plusSeconds(1), sender(1), 1))
        .compose(x -> apply(StatusChange.to(sid(1), MessageStatus.SENDING, T0.plusSeconds(2))))
        .compose(x -> store().requeueInterrupted())
        .compose(moved -> store().findBySids(List.of(sid(1), sid(2))).map(found -> Map.entry(moved, found)))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertThat(result.getKey()).isGreaterThanOrEqualTo(1);
          assertThat(result.getValue()).extracting(Message::status)
              .containsExactly(MessageStatus.QUEUED, MessageStatus.QUEUED);
          ctx.completeNow();
        })));
  }

  @Test
  void requeueInterruptedOfSendersLeavesOtherSendersSending(VertxTestContext ctx) {
    insertAll(queued(1, T0, sender(1), 1), queued(2, T0, sender(2), 1), queued(3, T0, sender(3), 1))
        .compose(x -> apply(StatusChange.to(sid(1), MessageStatus.SENDING, T0.plusSeconds(2)),
            StatusChange.to(sid(2), MessageStatus.SENDING, T0.plusSeconds(2)),
            StatusChange.to(sid(3), MessageStatus.SENDING, T0.plusSeconds(2))))
        .compose(x -> store().requeueInterrupted(List.of(sender(1), sender(3), "+19999999999")))
        .compose(moved -> store().requeueInterrupted(List.of())
            .compose(none -> store().findBySids(List.of(sid(1), sid(2), sid(3))))
            .map(found -> Map.entry(moved, found)))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertThat(result.getKey()).isEqualTo(2);
          assertThat(result.getValue()).extracting(Message::status).containsExactly(
              MessageStatus.QUEUED, MessageStatus.SENDING, MessageStatus.QUEUED);
          ctx.completeNow();
        })));
  }

  @Test
  void queuedForSenderPagesInCreationOrderByCursor(VertxTestContext ctx) {
    // Messages 3 and 4 share a creation time: the lower sid comes first.
    insertAll(queued(1, T0.plusSeconds(5), sender(1), 1), queued(2, T0, sender(1), 1),
        queued(3, T0.plusSeconds(2), sender(1), 1), queued(4, T0.plusSeconds(2), sender(1), 1),
        queued(5, T0.plusSeconds(1), sender(1), 1), queued(6, T0.plusSeconds(3), sender(2), 1),
        queued(7, T0.plusSeconds(4), sender(1), 1))
        .compose(x -> apply(StatusChange.to(sid(3), MessageStatus.SENDING, T0.plusSeconds(9)),
            StatusChange.sent(sid(7), T0.plusSeconds(9))))
        .compose(x -> pagesOf(sender(1), null, null, 2, new ArrayList<>()))
        .onComplete(ctx.succeeding(pages -> ctx.verify(() -> {
          assertThat(pages).extracting(MessageStoreContractTest::sidsOf).containsExactly(
              List.of(sid(2), sid(5)), List.of(sid(3), sid(4)), List.of(sid(1)), List.of());
          ctx.completeNow();
        })));
  }

  /** Pages of one sender's queue until an empty one, each after the last of the one before. */
  private Future<List<List<Message>>> pagesOf(String senderKey, Instant afterCreated,
      String afterSid, int limit, List<List<Message>> pages) {
    return store().queuedForSender(senderKey, afterCreated, afterSid, limit).compose(page -> {
      pages.add(page);
      if (page.isEmpty() || pages.size() > 10) {
        return Future.succeededFuture(pages);
      }
      Message last = page.get(page.size() - 1);
      return pagesOf(senderKey, last.dateCreated(), last.sid(), limit, pages);
    });
  }

  @Test
  void updateMovesTheMessageBetweenSenderQueues(VertxTestContext ctx) {
    Message original = queued(1, T0, sender(1), 1);
    Message moved = queued(1, T0, sender(2), 1);
    List<List<Message>> queues = new ArrayList<>();

    insertAll(original)
        .compose(x -> store().update(moved))
        .compose(x -> store().queuedForSender(sender(1), null, null, 10))
        .andThen(ctx.succeeding(queues::add))
        .compose(x -> store().queuedForSender(sender(2), null, null, 10))
        .andThen(ctx.succeeding(queues::add))
        .compose(x -> store().delete(account, sid(1)))
        .compose(x -> store().queuedForSender(sender(2), null, null, 10))
        .onComplete(ctx.succeeding(afterDelete -> ctx.verify(() -> {
          assertThat(queues.get(0)).isEmpty();
          assertThat(sidsOf(queues.get(1))).containsExactly(sid(1));
          assertThat(afterDelete).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  void findByStatusPagesInCreationOrder(VertxTestContext ctx) {
    // An era no other test creates messages in, so the scan from its start sees only ours.
    Instant era = Instant.parse("2001-03-01T00:00:00Z");
    String service = "MG00000000000000000000000000000003";
    Message first = outbound(1, era.plusSeconds(3), null, service, MessageStatus.SCHEDULED, 0, null);
    Message second = outbound(2, era.plusSeconds(1), null, service, MessageStatus.SCHEDULED, 0, null);
    Message third = outbound(3, era.plusSeconds(7), null, service, MessageStatus.SCHEDULED, 0, null);
    Message accepted = unassigned(4, era.plusSeconds(2), service, null);
    List<List<Message>> pages = new ArrayList<>();

    insertAll(first, second, third, accepted)
        .compose(x -> store().findByStatus(MessageStatus.SCHEDULED, era, "", 2))
        .andThen(ctx.succeeding(pages::add))
        .compose(page -> store().findByStatus(MessageStatus.SCHEDULED,
            page.get(1).dateCreated(), page.get(1).sid(), 1))
        .andThen(ctx.succeeding(pages::add))
        .compose(x -> store().findByStatus(MessageStatus.ACCEPTED, era, "", 1))
        .andThen(ctx.succeeding(pages::add))
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          assertThat(sidsOf(pages.get(0))).containsExactly(sid(2), sid(1));
          assertThat(sidsOf(pages.get(1))).containsExactly(sid(3));
          assertThat(sidsOf(pages.get(2))).containsExactly(sid(4));
          assertThat(pages.get(1).get(0)).isEqualTo(StoredForm.of(third));
          ctx.completeNow();
        })));
  }

  @Test
  void findByStatusFindsMessagesOfAStatusOutsideRecoveryToo(VertxTestContext ctx) {
    // Recovery asks for scheduled and accepted messages; any other status is answered as
    // well, by the same rules, though a store may scan for it. An era of its own, as above.
    Instant era = Instant.parse("2001-04-01T00:00:00Z");
    // No status callback, so the changes leave the outbox to the tests that read it.
    Message later = outbound(1, era.plusSeconds(5), sender(1), null, MessageStatus.QUEUED, 1, null);
    Message earlier = outbound(2, era.plusSeconds(2), sender(1), null, MessageStatus.QUEUED, 1, null);
    Message stillQueued =
        outbound(3, era.plusSeconds(3), sender(1), null, MessageStatus.QUEUED, 1, null);
    List<List<Message>> pages = new ArrayList<>();

    insertAll(later, earlier, stillQueued)
        .compose(x -> apply(StatusChange.sent(sid(1), era.plusSeconds(10)),
            StatusChange.sent(sid(2), era.plusSeconds(10))))
        // Limits that stop at our messages: other tests' sent messages are newer.
        .compose(x -> store().findByStatus(MessageStatus.SENT, era, "", 2))
        .andThen(ctx.succeeding(pages::add))
        .compose(page -> store().findByStatus(MessageStatus.SENT,
            page.get(0).dateCreated(), page.get(0).sid(), 1))
        .andThen(ctx.succeeding(pages::add))
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          assertThat(sidsOf(pages.get(0))).containsExactly(sid(2), sid(1));
          assertThat(sidsOf(pages.get(1))).containsExactly(sid(1));
          assertThat(pages.get(0)).allMatch(m -> m.status() == MessageStatus.SENT);
          ctx.completeNow();
        })));
  }

  @Test
  void findBySidsKeepsTheOrderGivenAndSkipsUnknownSids(VertxTestContext ctx) {
    Message mms = withMedia(queued(1, T0, sender(1), 1), T0);
    Message theirs = message(otherAccount, sid(2), T0, "+15005550006", sender(2), null);

    insertAll(mms, theirs, queued(3, T0, sender(1), 1))
        .compose(x -> store().findBySids(List.of(sid(3), sid(9), sid(2), sid(1), sid(3))))
        .onComplete(ctx.succeeding(found -> ctx.verify(() -> {
          assertThat(sidsOf(found)).containsExactly(sid(3), sid(2), sid(1));
          assertThat(found.get(2)).isEqualTo(StoredForm.of(mms));
          ctx.completeNow();
        })));
  }

  @Test
  void reportedChangeWritesACallbackWithTheTwilioFormParameters(VertxTestContext ctx) {
    Instant sentAt = T0.plusSeconds(1);
    Instant failedAt = T0.plusSeconds(30);
    Instant doneDate = Instant.parse("2024-05-01T12:00:29Z");
    List<PendingCallback> callbacks = new ArrayList<>();

    insertAll(queued(1, T0, sender(1), 1))
        .compose(x -> apply(StatusChange.sent(sid(1), sentAt), StatusChange.failed(sid(1),
            MessageStatus.UNDELIVERED, failedAt, 30003, "Unreachable").withRawDlrDoneDate(doneDate)))
        .compose(x -> due(failedAt)).andThen(ctx.succeeding(callbacks::addAll))
        .compose(x -> store().recordCallbackAttempt(new CallbackAttempt(callbacks.get(0).id(),
            failedAt, 200, null, CallbackAttempt.Outcome.DELIVERED, null)))
        .compose(x -> due(failedAt)).andThen(ctx.succeeding(callbacks::addAll))
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          assertThat(callbacks).hasSize(2);
          PendingCallback sent = callbacks.get(0);
          assertThat(sent.messageSid()).isEqualTo(sid(1));
          assertThat(sent.url()).isEqualTo(CALLBACK);
          assertThat(sent.status()).isEqualTo(MessageStatus.SENT);
          assertThat(sent.sequence()).isEqualTo(1);
          assertThat(sent.attempts()).isZero();
          assertThat(sent.nextAttemptAt()).isEqualTo(StoredForm.of(sentAt));
          assertThat(sent.createdAt()).isEqualTo(StoredForm.of(sentAt));
          assertThat(sent.params()).isEqualTo(Map.of("MessageSid", sid(1), "SmsSid", sid(1),
              "MessageStatus", "sent", "SmsStatus", "sent", "AccountSid", account,
              "From", sender(1), "To", "+15005550006", "ApiVersion", "2010-04-01"));
          PendingCallback undelivered = callbacks.get(1);
          assertThat(undelivered.sequence()).isEqualTo(2);
          assertThat(undelivered.params()).containsEntry("MessageStatus", "undelivered")
              .containsEntry("SmsStatus", "undelivered")
              .containsEntry("ErrorCode", "30003")
              .containsEntry("RawDlrDoneDate", "2405011200")
              .doesNotContainKey("MessagingServiceSid");
          assertThat(List.of(sent.idempotencyToken(), undelivered.idempotencyToken()))
              .doesNotContainNull().doesNotHaveDuplicates().allMatch(token -> !token.isBlank());
          ctx.completeNow();
        })));
  }

  @Test
  void noCallbackWithoutAUrlOrForAnUnreportedStatus(VertxTestContext ctx) {
    Message silent = outbound(1, T0, sender(1), null, MessageStatus.QUEUED, 1, null);
    List<Integer> counts = new ArrayList<>();

    store().pendingCallbackCount().andThen(ctx.succeeding(counts::add))
        .compose(x -> insertAll(silent, queued(2, T0, sender(1), 1)))
        .compose(x -> apply(StatusChange.sent(sid(1), T0.plusSeconds(1)),
            StatusChange.to(sid(2), MessageStatus.SENDING, T0.plusSeconds(1))))
        .compose(x -> store().pendingCallbackCount()).andThen(ctx.succeeding(counts::add))
        .compose(x -> due(T0.plusSeconds(60)))
        .onComplete(ctx.succeeding(due -> ctx.verify(() -> {
          assertThat(due).isEmpty();
          assertThat(counts.get(1)).isEqualTo(counts.get(0));
          ctx.completeNow();
        })));
  }

  @Test
  void queuedIsReportedForServiceMessagesOnly(VertxTestContext ctx) {
    String service = "MG00000000000000000000000000000004";
    Message direct = outbound(1, T0, sender(1), null, MessageStatus.ACCEPTED, 1, CALLBACK);
    Message viaService = unassigned(2, T0, service, CALLBACK);

    insertAll(direct, viaService)
        .compose(x -> apply(StatusChange.to(sid(1), MessageStatus.QUEUED, T0.plusSeconds(1)),
            StatusChange.assigned(sid(2), T0.plusSeconds(1), sender(2), 1, "GSM")))
        .compose(x -> due(T0.plusSeconds(60)))
        .onComplete(ctx.succeeding(due -> ctx.verify(() -> {
          assertThat(due).extracting(PendingCallback::messageSid).containsExactly(sid(2));
          assertThat(due.get(0).status()).isEqualTo(MessageStatus.QUEUED);
          assertThat(due.get(0).params()).containsEntry("MessagingServiceSid", service)
              .containsEntry("From", sender(2))
              .containsEntry("MessageStatus", "queued");
          ctx.completeNow();
        })));
  }

  @Test
  void serviceStatusCallbackIsUsedWhenTheMessageHasNone(VertxTestContext ctx) {
    MessagingService withCallback = service(SERVICE_CALLBACK);
    MessagingService without = service(null);

    accounts().createService(withCallback)
        .compose(x -> accounts().createService(without))
        .compose(x -> insertAll(unassigned(1, T0, withCallback.sid(), null),
            unassigned(2, T0, without.sid(), null),
            unassigned(3, T0, withCallback.sid(), CALLBACK)))
        .compose(x -> apply(StatusChange.assigned(sid(1), T0.plusSeconds(1), sender(1), 1, "GSM"),
            StatusChange.assigned(sid(2), T0.plusSeconds(1), sender(1), 1, "GSM"),
            StatusChange.assigned(sid(3), T0.plusSeconds(1), sender(1), 1, "GSM")))
        .compose(x -> due(T0.plusSeconds(60)))
        .onComplete(ctx.succeeding(due -> ctx.verify(() -> {
          assertThat(due).extracting(PendingCallback::messageSid, PendingCallback::url)
              .containsExactlyInAnyOrder(
                  org.assertj.core.groups.Tuple.tuple(sid(1), SERVICE_CALLBACK),
                  org.assertj.core.groups.Tuple.tuple(sid(3), CALLBACK));
          ctx.completeNow();
        })));
  }

  @Test
  void aMessagesNextCallbackWaitsUntilTheOneBeforeIsDone(VertxTestContext ctx) {
    Instant t = T0.plusSeconds(10);
    Instant retryAt = t.plusSeconds(60);
    List<List<PendingCallback>> seen = new ArrayList<>();

    insertAll(queued(1, T0, sender(1), 1))
        .compose(x -> apply(StatusChange.sent(sid(1), t),
            StatusChange.to(sid(1), MessageStatus.DELIVERED, t.plusSeconds(1))))
        .compose(x -> due(t.plusSeconds(5))).andThen(ctx.succeeding(seen::add))
        .compose(first -> store().recordCallbackAttempt(new CallbackAttempt(first.get(0).id(),
            t.plusSeconds(5), 503, "Service Unavailable", CallbackAttempt.Outcome.RETRY, retryAt)))
        .compose(x -> due(retryAt.minusSeconds(1))).andThen(ctx.succeeding(seen::add))
        .compose(x -> due(retryAt)).andThen(ctx.succeeding(seen::add))
        .compose(retried -> store().recordCallbackAttempt(new CallbackAttempt(
            retried.get(0).id(), retryAt, 200, null, CallbackAttempt.Outcome.DELIVERED, null)))
        .compose(x -> due(retryAt)).andThen(ctx.succeeding(seen::add))
        .compose(second -> store().recordCallbackAttempt(new CallbackAttempt(second.get(0).id(),
            retryAt.plusSeconds(1), null, "Connection refused", CallbackAttempt.Outcome.GAVE_UP,
            null)))
        .compose(x -> due(retryAt.plusSeconds(3600))).andThen(ctx.succeeding(seen::add))
        .compose(x -> store().recordCallbackAttempt(new CallbackAttempt(seen.get(0).get(0).id(),
            retryAt.plusSeconds(2), 200, null, CallbackAttempt.Outcome.DELIVERED, null)))
        .onComplete(ctx.failing(finished -> ctx.verify(() -> {
          assertThat(finished).as("a finished callback takes no more attempts")
              .isInstanceOf(NotFoundException.class);
          assertThat(seen.get(0)).extracting(PendingCallback::status)
              .as("only the first is due").containsExactly(MessageStatus.SENT);
          assertThat(seen.get(1)).as("the first waits for its retry, the second behind it")
              .isEmpty();
          assertThat(seen.get(2)).extracting(PendingCallback::status, PendingCallback::attempts,
              PendingCallback::nextAttemptAt).containsExactly(org.assertj.core.groups.Tuple.tuple(
                  MessageStatus.SENT, 1, StoredForm.of(retryAt)));
          assertThat(seen.get(3)).extracting(PendingCallback::status, PendingCallback::sequence)
              .containsExactly(org.assertj.core.groups.Tuple.tuple(MessageStatus.DELIVERED, 2));
          assertThat(seen.get(4)).as("given up is done too").isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  void attemptsRecordedTogetherActAsIfRecordedOneByOne(VertxTestContext ctx) {
    Instant t = T0.plusSeconds(10);
    Instant retryAt = t.plusSeconds(60);
    List<PendingCallback> first = new ArrayList<>();
    List<List<CallbackAttempt>> histories = new ArrayList<>();

    insertAll(queued(1, T0, sender(1), 1), queued(2, T0, sender(1), 1))
        .compose(x -> apply(StatusChange.sent(sid(1), t),
            StatusChange.to(sid(1), MessageStatus.DELIVERED, t.plusSeconds(1)),
            StatusChange.sent(sid(2), t),
            StatusChange.to(sid(2), MessageStatus.DELIVERED, t.plusSeconds(1))))
        .compose(x -> due(t.plusSeconds(5))).andThen(ctx.succeeding(first::addAll))
        .compose(x -> {
          long one = byMessage(first, sid(1)).id();
          long two = byMessage(first, sid(2)).id();
          return store().recordCallbackAttempts(List.of(
              new CallbackAttempt(one, t.plusSeconds(5), 200, null,
                  CallbackAttempt.Outcome.DELIVERED, null),
              new CallbackAttempt(two, t.plusSeconds(5), 503, "Service Unavailable",
                  CallbackAttempt.Outcome.RETRY, retryAt),
              // Finished by the first attempt of the batch: skipped, the others still count.
              new CallbackAttempt(one, t.plusSeconds(6), 200, null,
                  CallbackAttempt.Outcome.DELIVERED, null)));
        })
        .compose(x -> store().callbackAttempts(account, sid(1)))
        .andThen(ctx.succeeding(histories::add))
        .compose(x -> store().callbackAttempts(account, sid(2)))
        .andThen(ctx.succeeding(histories::add))
        .compose(x -> store().recordCallbackAttempts(List.of()))
        .compose(x -> due(t.plusSeconds(5)))
        .onComplete(ctx.succeeding(due -> ctx.verify(() -> {
          assertThat(due).extracting(PendingCallback::messageSid, PendingCallback::status)
              .as("the first message's next callback is due; the second waits for its retry")
              .containsExactly(org.assertj.core.groups.Tuple.tuple(
                  sid(1), MessageStatus.DELIVERED));
          assertThat(histories.get(0)).extracting(CallbackAttempt::outcome)
              .containsExactly(CallbackAttempt.Outcome.DELIVERED);
          assertThat(histories.get(1)).extracting(CallbackAttempt::outcome,
                  CallbackAttempt::nextAttemptAt)
              .containsExactly(org.assertj.core.groups.Tuple.tuple(
                  CallbackAttempt.Outcome.RETRY, StoredForm.of(retryAt)));
          ctx.completeNow();
        })));
  }

  /** A Messaging Service message assigned, sent and delivered in one batch: three callbacks. */
  private Future<List<PendingCallback>> threeCallbacksInOneBatch(int n, Instant t) {
    return insertAll(unassigned(n, T0, "MG00000000000000000000000000000005", CALLBACK))
        .compose(x -> apply(StatusChange.assigned(sid(n), t, sender(1), 1, "GSM"),
            StatusChange.sent(sid(n), t.plusSeconds(1)),
            StatusChange.to(sid(n), MessageStatus.DELIVERED, t.plusSeconds(2))))
        .compose(x -> store().callbacks(account, sid(n)));
  }

  private static CallbackAttempt delivered(PendingCallback callback, Instant at) {
    return new CallbackAttempt(callback.id(), at, 200, null, CallbackAttempt.Outcome.DELIVERED,
        null);
  }

  @Test
  void severalCallbacksOfOneMessageInOneBatchGoOneAtATimeInOrder(VertxTestContext ctx) {
    Instant t = T0.plusSeconds(10);
    Instant late = t.plusSeconds(3600);
    List<PendingCallback> written = new ArrayList<>();
    List<List<PendingCallback>> seen = new ArrayList<>();

    threeCallbacksInOneBatch(1, t).andThen(ctx.succeeding(written::addAll))
        .compose(x -> due(late)).andThen(ctx.succeeding(seen::add))
        .compose(x -> store().recordCallbackAttempt(new CallbackAttempt(written.get(0).id(),
            late, null, "Connection refused", CallbackAttempt.Outcome.GAVE_UP, null)))
        .compose(x -> due(late)).andThen(ctx.succeeding(seen::add))
        .compose(x -> store().recordCallbackAttempt(delivered(written.get(1), late)))
        .compose(x -> due(late)).andThen(ctx.succeeding(seen::add))
        .compose(x -> store().recordCallbackAttempt(delivered(written.get(2), late)))
        .compose(x -> due(late))
        .onComplete(ctx.succeeding(last -> ctx.verify(() -> {
          assertThat(written).extracting(PendingCallback::sequence).containsExactly(1, 2, 3);
          assertThat(seen).extracting(due -> due.stream().map(PendingCallback::status).toList())
              .as("one at a time, each after the one before is delivered or given up")
              .containsExactly(List.of(MessageStatus.QUEUED), List.of(MessageStatus.SENT),
                  List.of(MessageStatus.DELIVERED));
          assertThat(last).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  void aCallbackFinishedOutOfTurnIsPassedOverWhenTheHeadFinishes(VertxTestContext ctx) {
    Instant t = T0.plusSeconds(10);
    Instant late = t.plusSeconds(3600);
    List<PendingCallback> written = new ArrayList<>();
    List<List<PendingCallback>> seen = new ArrayList<>();

    threeCallbacksInOneBatch(1, t).andThen(ctx.succeeding(written::addAll))
        // The second is finished while the first is still the one due.
        .compose(x -> store().recordCallbackAttempt(delivered(written.get(1), late)))
        .compose(x -> due(late)).andThen(ctx.succeeding(seen::add))
        .compose(x -> store().recordCallbackAttempt(delivered(written.get(0), late)))
        .compose(x -> due(late))
        .onComplete(ctx.succeeding(next -> ctx.verify(() -> {
          assertThat(seen.get(0)).extracting(PendingCallback::sequence)
              .as("the first stays due").containsExactly(1);
          assertThat(next).extracting(PendingCallback::sequence)
              .as("the third follows the first").containsExactly(3);
          ctx.completeNow();
        })));
  }

  @Test
  void attemptsAtOneMessagesCallbacksInOneBatchHandOverInListOrder(VertxTestContext ctx) {
    Instant t = T0.plusSeconds(10);
    Instant retryAt = t.plusSeconds(60);
    List<PendingCallback> written = new ArrayList<>();
    List<List<PendingCallback>> seen = new ArrayList<>();

    threeCallbacksInOneBatch(1, t).andThen(ctx.succeeding(written::addAll))
        .compose(x -> store().recordCallbackAttempts(List.of(
            delivered(written.get(0), t.plusSeconds(5)),
            delivered(written.get(1), t.plusSeconds(5)),
            new CallbackAttempt(written.get(2).id(), t.plusSeconds(5), 503, "Service Unavailable",
                CallbackAttempt.Outcome.RETRY, retryAt))))
        .compose(x -> due(retryAt.minusSeconds(1))).andThen(ctx.succeeding(seen::add))
        .compose(x -> due(retryAt))
        .onComplete(ctx.succeeding(due -> ctx.verify(() -> {
          assertThat(seen.get(0)).as("the third waits for its retry").isEmpty();
          assertThat(due).extracting(PendingCallback::sequence, PendingCallback::attempts)
              .containsExactly(org.assertj.core.groups.Tuple.tuple(3, 1));
          ctx.completeNow();
        })));
  }

  @Test
  void aChangeAfterEveryCallbackFinishedIsDueAtOnce(VertxTestContext ctx) {
    Instant t = T0.plusSeconds(10);
    List<List<PendingCallback>> seen = new ArrayList<>();

    insertAll(queued(1, T0, sender(1), 1))
        .compose(x -> apply(StatusChange.sent(sid(1), t)))
        .compose(x -> due(t)).andThen(ctx.succeeding(seen::add))
        .compose(first -> store().recordCallbackAttempt(delivered(first.get(0), t)))
        .compose(x -> due(t.plusSeconds(1))).andThen(ctx.succeeding(seen::add))
        .compose(x -> apply(StatusChange.to(sid(1), MessageStatus.DELIVERED, t.plusSeconds(1))))
        .compose(x -> due(t.plusSeconds(1)))
        .onComplete(ctx.succeeding(due -> ctx.verify(() -> {
          assertThat(seen.get(0)).extracting(PendingCallback::sequence).containsExactly(1);
          assertThat(seen.get(1)).isEmpty();
          assertThat(due).extracting(PendingCallback::status, PendingCallback::sequence)
              .containsExactly(org.assertj.core.groups.Tuple.tuple(MessageStatus.DELIVERED, 2));
          ctx.completeNow();
        })));
  }

  @Test
  void attemptsAtADeletedMessagesCallbackAreSkippedAndTheOthersRecorded(VertxTestContext ctx) {
    Instant t = T0.plusSeconds(10);
    List<PendingCallback> first = new ArrayList<>();
    List<List<CallbackAttempt>> histories = new ArrayList<>();

    insertAll(queued(1, T0, sender(1), 1), queued(2, T0, sender(1), 1))
        .compose(x -> apply(StatusChange.sent(sid(1), t), StatusChange.sent(sid(2), t),
            StatusChange.to(sid(2), MessageStatus.DELIVERED, t.plusSeconds(1))))
        .compose(x -> due(t)).andThen(ctx.succeeding(first::addAll))
        .compose(x -> store().delete(account, sid(1)))
        .compose(x -> store().recordCallbackAttempts(List.of(
            delivered(byMessage(first, sid(1)), t.plusSeconds(2)),
            delivered(byMessage(first, sid(2)), t.plusSeconds(2)))))
        .compose(x -> store().callbackAttempts(account, sid(2)))
        .andThen(ctx.succeeding(histories::add))
        .compose(x -> due(t.plusSeconds(2)))
        .onComplete(ctx.succeeding(due -> ctx.verify(() -> {
          assertThat(first).extracting(PendingCallback::messageSid)
              .containsExactlyInAnyOrder(sid(1), sid(2));
          assertThat(histories.get(0)).extracting(CallbackAttempt::outcome)
              .containsExactly(CallbackAttempt.Outcome.DELIVERED);
          assertThat(due).extracting(PendingCallback::messageSid, PendingCallback::status)
              .as("the deleted message has nothing due; the other's next callback is")
              .containsExactly(org.assertj.core.groups.Tuple.tuple(
                  sid(2), MessageStatus.DELIVERED));
          ctx.completeNow();
        })));
  }

  private static PendingCallback byMessage(List<PendingCallback> callbacks, String sid) {
    return callbacks.stream().filter(callback -> callback.messageSid().equals(sid))
        .findFirst().orElseThrow();
  }

  @Test
  void dueCallbacksComeEarliestFirstUpToTheLimit(VertxTestContext ctx) {
    // An era of its own: nothing else in the shared outbox is due this early.
    Instant era = Instant.parse("2002-07-01T00:00:00Z");
    List<List<PendingCallback>> seen = new ArrayList<>();

    insertAll(queued(1, era, sender(1), 1), queued(2, era, sender(1), 1),
        queued(3, era, sender(1), 1))
        .compose(x -> apply(StatusChange.sent(sid(1), era.plusSeconds(30)),
            StatusChange.sent(sid(2), era.plusSeconds(10)),
            StatusChange.sent(sid(3), era.plusSeconds(20))))
        .compose(x -> store().dueCallbacks(era.plusSeconds(25), 10))
        .andThen(ctx.succeeding(seen::add))
        .compose(x -> store().dueCallbacks(era.plusSeconds(60), 1))
        .andThen(ctx.succeeding(seen::add))
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          assertThat(seen.get(0)).extracting(PendingCallback::messageSid)
              .containsExactly(sid(2), sid(3));
          assertThat(seen.get(1)).extracting(PendingCallback::messageSid)
              .containsExactly(sid(2));
          ctx.completeNow();
        })));
  }

  @Test
  void dueCallbacksLeaveOutTheSkippedOnesAndStillFillTheLimit(VertxTestContext ctx) {
    // An era of its own: nothing else in the shared outbox is due this early.
    Instant era = Instant.parse("2002-08-01T00:00:00Z");
    List<List<PendingCallback>> seen = new ArrayList<>();

    insertAll(queued(1, era, sender(1), 1), queued(2, era, sender(1), 1),
        queued(3, era, sender(1), 1))
        .compose(x -> apply(StatusChange.sent(sid(1), era.plusSeconds(10)),
            StatusChange.to(sid(1), MessageStatus.DELIVERED, era.plusSeconds(11)),
            StatusChange.sent(sid(2), era.plusSeconds(20)),
            StatusChange.sent(sid(3), era.plusSeconds(30))))
        .compose(x -> store().dueCallbacks(era.plusSeconds(60), 10))
        .andThen(ctx.succeeding(seen::add))
        .compose(all -> store().dueCallbacks(era.plusSeconds(60), 1,
            Set.of(all.get(0).id(), all.get(1).id())))
        .onComplete(ctx.succeeding(rest -> ctx.verify(() -> {
          assertThat(seen.get(0)).extracting(PendingCallback::messageSid)
              .containsExactly(sid(1), sid(2), sid(3));
          assertThat(rest).extracting(PendingCallback::messageSid)
              .as("the skipped head keeps its message's next callback waiting; the limit counts "
                  + "what is returned")
              .containsExactly(sid(3));
          ctx.completeNow();
        })));
  }

  @Test
  void attemptHistoryIsKeptOldestFirstWithinTheAccount(VertxTestContext ctx) {
    Instant t = T0.plusSeconds(10);
    List<CallbackAttempt> made = new ArrayList<>();
    List<List<CallbackAttempt>> histories = new ArrayList<>();

    insertAll(queued(1, T0, sender(1), 1))
        .compose(x -> apply(StatusChange.sent(sid(1), t)))
        .compose(x -> due(t))
        .compose(due -> {
          long id = due.get(0).id();
          made.add(new CallbackAttempt(id, t, 500, "Internal Server Error",
              CallbackAttempt.Outcome.RETRY, t.plusNanos(30_000_000_123L)));
          made.add(new CallbackAttempt(id, t.plusSeconds(31), 200, null,
              CallbackAttempt.Outcome.DELIVERED, null));
          return store().recordCallbackAttempt(made.get(0))
              .compose(y -> store().recordCallbackAttempt(made.get(1)));
        })
        .compose(x -> store().callbackAttempts(account, sid(1)))
        .andThen(ctx.succeeding(histories::add))
        .compose(x -> store().callbackAttempts(otherAccount, sid(1)))
        .andThen(ctx.succeeding(histories::add))
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          assertThat(histories.get(0)).containsExactly(
              StoredForm.of(made.get(0)), StoredForm.of(made.get(1)));
          assertThat(histories.get(1)).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  void aMessagesCallbacksAreListedBySequenceFinishedOrNotWithinTheAccount(VertxTestContext ctx) {
    Instant t = T0.plusSeconds(10);
    List<PendingCallback> first = new ArrayList<>();
    List<List<PendingCallback>> listed = new ArrayList<>();

    insertAll(queued(1, T0, sender(1), 1))
        .compose(x -> apply(StatusChange.sent(sid(1), t),
            StatusChange.to(sid(1), MessageStatus.DELIVERED, t.plusSeconds(1))))
        .compose(x -> due(t)).andThen(ctx.succeeding(first::addAll))
        .compose(x -> store().recordCallbackAttempt(new CallbackAttempt(first.get(0).id(), t,
            500, "HTTP 500", CallbackAttempt.Outcome.RETRY, t.plusSeconds(2))))
        .compose(x -> store().recordCallbackAttempt(new CallbackAttempt(first.get(0).id(),
            t.plusSeconds(2), 200, null, CallbackAttempt.Outcome.DELIVERED, null)))
        .compose(x -> store().callbacks(account, sid(1))).andThen(ctx.succeeding(listed::add))
        .compose(x -> store().callbacks(otherAccount, sid(1))).andThen(ctx.succeeding(listed::add))
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          assertThat(listed.get(0)).extracting(PendingCallback::status, PendingCallback::sequence,
                  PendingCallback::attempts)
              .containsExactly(
                  org.assertj.core.groups.Tuple.tuple(MessageStatus.SENT, 1, 2),
                  org.assertj.core.groups.Tuple.tuple(MessageStatus.DELIVERED, 2, 0));
          assertThat(listed.get(0).get(0).idempotencyToken())
              .isEqualTo(first.get(0).idempotencyToken());
          assertThat(listed.get(1)).as("another account's message is not there").isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  void deletingAMessageDeletesItsCallbacks(VertxTestContext ctx) {
    List<Integer> counts = new ArrayList<>();
    List<PendingCallback> first = new ArrayList<>();

    store().pendingCallbackCount().andThen(ctx.succeeding(counts::add))
        .compose(x -> insertAll(queued(1, T0, sender(1), 1)))
        .compose(x -> apply(StatusChange.sent(sid(1), T0.plusSeconds(1)),
            StatusChange.to(sid(1), MessageStatus.DELIVERED, T0.plusSeconds(2))))
        .compose(x -> due(T0.plusSeconds(2))).andThen(ctx.succeeding(first::addAll))
        .compose(x -> store().recordCallbackAttempt(new CallbackAttempt(first.get(0).id(),
            T0.plusSeconds(2), 500, "Internal Server Error", CallbackAttempt.Outcome.RETRY,
            T0.plusSeconds(3))))
        .compose(x -> store().pendingCallbackCount()).andThen(ctx.succeeding(counts::add))
        .compose(x -> store().delete(account, sid(1)))
        .compose(x -> store().pendingCallbackCount()).andThen(ctx.succeeding(counts::add))
        .compose(x -> store().callbackAttempts(account, sid(1)))
        .andThen(ctx.succeeding(history -> ctx.verify(() -> assertThat(history).isEmpty())))
        .compose(x -> due(T0.plusSeconds(3600)))
        .onComplete(ctx.succeeding(due -> ctx.verify(() -> {
          assertThat(due).isEmpty();
          assertThat(counts.get(1) - counts.get(0)).isEqualTo(2);
          assertThat(counts.get(2)).isEqualTo(counts.get(0));
          ctx.completeNow();
        })));
  }
}
