package io.tern.store.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.store.AccountRegistry;
import io.tern.store.CallbackAttempt;
import io.tern.message.Media;
import io.tern.message.Message;
import io.tern.message.MessageFixture;
import io.tern.store.MessageQuery;
import io.tern.store.MessageStore;
import io.tern.message.MessageStatus;
import io.tern.store.MessageStoreContractTest;
import io.tern.store.PendingCallback;
import io.tern.message.Sids;
import io.tern.message.StatusChange;
import io.vertx.core.Future;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PgMessageStoreTest extends MessageStoreContractTest {

  @RegisterExtension
  static final PgSchema DATABASE = new PgSchema("messages");
  private static final String SCHEMA = DATABASE.name();

  @Override
  protected MessageStore store() {
    return DATABASE.stores().messageStore();
  }

  @Override
  protected AccountRegistry accounts() {
    return DATABASE.stores().accountRegistry();
  }

  @Test
  void messagesAndTheirMediaRowsLandInTheStoresOwnSchema(VertxTestContext ctx) {
    Message mms = message(1, T0);
    Message withTwoMedia = MessageFixture.queued(mms.sid(), mms.accountSid(), mms.from(), T0)
        .to(mms.to())
        .body(mms.body())
        .status(mms.status())
        .priceUnit(null)
        .media(List.of(
            new Media(Sids.generate(Sids.MEDIA), account, mms.sid(), "https://a.example/1.png",
                "image/png", T0),
            new Media(Sids.generate(Sids.MEDIA), account, mms.sid(), "https://a.example/2.png",
                "image/png", T0)))
        .build();

    // JDBC blocks, so the look behind the store's back runs on a worker thread.
    store().insert(withTwoMedia, null)
        .compose(x -> DATABASE.vertx().executeBlocking(() -> List.of(
            PgTestDatabase.queryLong(
                "SELECT count(*) FROM " + SCHEMA + ".message WHERE sid = ?", mms.sid()),
            PgTestDatabase.queryLong(
                "SELECT count(*) FROM " + SCHEMA + ".message_media WHERE message_sid = ?",
                mms.sid()))))
        .onComplete(ctx.succeeding(counts -> ctx.verify(() -> {
          assertThat(counts).as("messages, media rows").containsExactly(1L, 2L);
          ctx.completeNow();
        })));
  }

  @Test
  void twoNodesInsertingWithOneKeyCommitOneMessage(VertxTestContext ctx) throws Exception {
    // A second pool on the same schema stands for a second Tern node: the two race in
    // separate transactions, not inside one batch.
    PgStores otherNode = PgTestDatabase.open(DATABASE.vertx(), SCHEMA);
    List<Future<Message>> inserts = IntStream.rangeClosed(1, 10)
        .mapToObj(n -> (n % 2 == 0 ? store() : otherNode.messageStore())
            .insert(message(n, T0.plusMillis(n)), "shared-key"))
        .toList();

    Future.join(inserts)
        .compose(x -> store().list(new MessageQuery(account, null, null, null, null, 50, null)))
        .eventually(otherNode::close)
        .onComplete(ctx.succeeding(page -> ctx.verify(() -> {
          assertThat(page.items()).hasSize(1);
          assertThat(inserts).allSatisfy(insert -> assertThat(insert.result().sid())
              .isEqualTo(page.items().get(0).sid()));
          ctx.completeNow();
        })));
  }

  @Test
  void aBatchMixingPlainKeyedAndMediaMessagesStoresEachAsWrittenAndFailsOnlyTheBadOne(
      VertxTestContext ctx) {
    // Submitted together, these queue behind the first insert and go as one batch: the plain
    // ones in one multi-row statement, the keyed and media ones one statement each. PostgreSQL
    // refuses the NUL character of message 13, which fails the multi-row statement, so its
    // plain neighbours are retried alone and only message 13 fails.
    List<Message> written = IntStream.rangeClosed(1, 40).mapToObj(n -> {
      Message m = message(n, T0.plusMillis(n));
      if (n % 10 == 3) {
        return plain(m).body(n == 13 ? "bad\u0000text" : m.body()).build();
      }
      if (n % 10 == 7) {
        return plain(m).media(List.of(new Media(Sids.generate(Sids.MEDIA),
            account, m.sid(), "https://a.example/" + n + ".png", "image/png", T0))).build();
      }
      return m;
    }).toList();
    List<Future<Message>> inserts = written.stream()
        .map(m -> store().insert(m, written.indexOf(m) % 5 == 1 ? "key-" + m.sid() : null))
        .toList();

    Future.join(inserts).otherwiseEmpty()
        .compose(x -> store().findBySids(written.stream().map(Message::sid).toList()))
        .onComplete(ctx.succeeding(stored -> ctx.verify(() -> {
          java.util.Map<String, Message> found = new java.util.HashMap<>();
          stored.forEach(m -> found.put(m.sid(), m));
          assertThat(found).hasSize(39);
          for (int i = 0; i < written.size(); i++) {
            Message m = written.get(i);
            if (i == 12) {
              assertThat(inserts.get(i).failed()).as("message 13, refused").isTrue();
              assertThat(found).as("message 13 not stored").doesNotContainKey(m.sid());
            } else {
              Message back = found.get(m.sid());
              assertThat(inserts.get(i).result()).as("message %d answered", i + 1)
                  .isEqualTo(back);
              assertThat(back.body()).isEqualTo(m.body());
              assertThat(back.media()).extracting(Media::url)
                  .containsExactlyElementsOf(m.media().stream().map(Media::url).toList());
              assertThat(back.dateCreated()).isEqualTo(
                  m.dateCreated().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
            }
          }
          ctx.completeNow();
        })));
  }

  /** {@code m} as a plain one-segment GSM-7 message outside any service. */
  private static Message.Builder plain(Message m) {
    return MessageFixture.queued(m.sid(), m.accountSid(), m.from(), m.dateCreated())
        .to(m.to())
        .body(m.body())
        .status(m.status())
        .direction(m.direction())
        .dateUpdated(m.dateUpdated());
  }

  private Message queuedFrom(int n, String from) {
    Message m = message(n, T0.plusMillis(n));
    return plain(m).from(from).statusCallback(m.statusCallback()).dateUpdated(m.dateCreated())
        .build();
  }

  private Future<Void> insertQueued(int count, String from) {
    return Future.all(IntStream.rangeClosed(1, count)
            .mapToObj(n -> store().insert(queuedFrom(n, from), null))
            .toList())
        .mapEmpty();
  }

  @Test
  void fiveHundredChangesApplyInOneCallAndOneTransaction(VertxTestContext ctx) {
    Instant at = T0.plusSeconds(60);
    List<StatusChange> changes = IntStream.rangeClosed(1, 500)
        .mapToObj(n -> StatusChange.sent(sid(n), at))
        .toList();
    String sids = "'" + String.join("','", changes.stream().map(StatusChange::sid).toList()) + "'";

    insertQueued(500, sender(1))
        .compose(x -> store().applyStatusChanges(changes))
        .andThen(ctx.succeeding(applied -> ctx.verify(() -> {
          assertThat(applied).hasSize(500).allMatch(Objects::nonNull)
              .allMatch(m -> m.status() == MessageStatus.SENT);
          assertThat(applied).extracting(Message::sid)
              .containsExactlyElementsOf(changes.stream().map(StatusChange::sid).toList());
        })))
        .compose(x -> DATABASE.vertx().executeBlocking(() -> List.of(
            PgTestDatabase.queryLong("SELECT count(DISTINCT xmin::text) FROM " + SCHEMA
                + ".message WHERE sid IN (" + sids + ") AND account_sid = ?", account),
            PgTestDatabase.queryLong("SELECT count(*) FROM " + SCHEMA
                + ".status_callback WHERE account_sid = ?", account))))
        .onComplete(ctx.succeeding(counts -> ctx.verify(() -> {
          assertThat(counts).as("transactions, callbacks written").containsExactly(1L, 500L);
          ctx.completeNow();
        })));
  }

  @Test
  void aBatchTheDatabaseRefusesAppliesNothing(VertxTestContext ctx) {
    // PostgreSQL refuses a NUL character in text: the second change fails the whole batch.
    insertQueued(2, sender(1))
        .compose(x -> store().applyStatusChanges(List.of(StatusChange.sent(sid(1), T0),
            StatusChange.failed(sid(2), MessageStatus.FAILED, T0, 30008, "bad\u0000text"))))
        .recover(refused -> store().findBySids(List.of(sid(1), sid(2))))
        .onComplete(ctx.succeeding(found -> ctx.verify(() -> {
          assertThat(found).extracting(Message::status)
              .containsExactly(MessageStatus.QUEUED, MessageStatus.QUEUED);
          ctx.completeNow();
        })));
  }

  @Test
  void aBatchRefusedInItsSecondRoundAppliesNothingOfItsFirst(VertxTestContext ctx) {
    // Message 1's second change goes in a later statement than the first changes of both
    // messages; PostgreSQL refusing it (a NUL character in text) still undoes all of them.
    insertQueued(2, sender(1))
        .compose(x -> store().applyStatusChanges(List.of(StatusChange.sent(sid(1), T0),
            StatusChange.sent(sid(2), T0),
            StatusChange.undelivered(sid(1), T0, 30003, "bad\u0000text", T0))))
        .recover(refused -> store().findBySids(List.of(sid(1), sid(2))))
        .compose(found -> store().callbacks(account, sid(1)).map(callbacks -> {
          ctx.verify(() -> {
            assertThat(found).extracting(Message::status)
                .containsExactly(MessageStatus.QUEUED, MessageStatus.QUEUED);
            assertThat(callbacks).isEmpty();
          });
          return callbacks;
        }))
        .onComplete(ctx.succeeding(x -> ctx.completeNow()));
  }

  @Test
  void batchesTouchingTheSameMessagesInOppositeOrdersBothCommit(VertxTestContext ctx) {
    // Row locks taken in list order would deadlock these two; the store sends changes in sid
    // order, so the second simply waits for the first.
    int count = 50;
    List<StatusChange> forward = IntStream.rangeClosed(1, count)
        .mapToObj(n -> StatusChange.to(sid(n), MessageStatus.SENDING, T0.plusSeconds(1)))
        .toList();
    List<StatusChange> backward = IntStream.iterate(count, n -> n >= 1, n -> n - 1)
        .mapToObj(n -> StatusChange.sent(sid(n), T0.plusSeconds(2)))
        .toList();

    insertQueued(count, sender(1))
        .compose(x -> Future.all(store().applyStatusChanges(forward),
            store().applyStatusChanges(backward)))
        .compose(x -> store().queuedForSender(sender(1), null, null, 100))
        .onComplete(ctx.succeeding(stillQueued -> ctx.verify(() -> {
          assertThat(stillQueued).as("every message reached sent, whichever batch went first")
              .isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  void senderKeyColumnFollowsInsertAndAssignment(VertxTestContext ctx) {
    Message unassigned = MessageFixture.queued(sid(1), account, null, T0)
        .messagingServiceSid("MG00000000000000000000000000000009")
        .status(MessageStatus.ACCEPTED)
        .numSegments(0)
        .encoding(null)
        .build();
    String query = "SELECT count(*) FROM " + SCHEMA + ".message WHERE sender_key = ?";

    store().insert(unassigned, null)
        .compose(x -> store().insert(queuedFrom(2, "Tern"), null))
        .compose(x -> store().applyStatusChanges(
            List.of(StatusChange.assigned(sid(1), T0.plusSeconds(1), "Tern", 1, "GSM"))))
        .compose(x -> DATABASE.vertx().executeBlocking(() -> PgTestDatabase.queryLong(query,
            account + ":Tern")))
        .onComplete(ctx.succeeding(count -> ctx.verify(() -> {
          assertThat(count).isEqualTo(2L);
          ctx.completeNow();
        })));
  }
  @Test
  void aHeadFinishingWhileTheNextCallbackIsWrittenHandsOverWhicheverCommitsFirst(
      VertxTestContext ctx) throws Exception {
    // Each message's first callback is finished while its next status change writes the second,
    // in separate transactions (the change through a second pool, as another node's status
    // writer): whichever commits first, the second callback must end up the one due.
    PgStores otherNode = PgTestDatabase.open(DATABASE.vertx(), SCHEMA);
    int count = 40;
    Instant t = T0.plusSeconds(10);
    Instant later = t.plusSeconds(1);
    String headless = "SELECT count(*) FROM " + SCHEMA + ".status_callback c "
        + "WHERE c.outcome IS NULL AND c.account_sid = ? AND NOT EXISTS (SELECT 1 FROM " + SCHEMA
        + ".status_callback h WHERE h.message_sid = c.message_sid AND h.head)";

    Future.all(IntStream.rangeClosed(1, count)
            .mapToObj(n -> store().insert(message(n, T0), null)).toList())
        .compose(x -> store().applyStatusChanges(IntStream.rangeClosed(1, count)
            .mapToObj(n -> StatusChange.sent(sid(n), t)).toList()))
        .compose(x -> ours(t))
        .compose(heads -> Future.all(heads.stream().flatMap(head -> Stream.of(
            store().recordCallbackAttempt(new CallbackAttempt(head.id(), later, 200, null,
                CallbackAttempt.Outcome.DELIVERED, null)),
            otherNode.messageStore().applyStatusChanges(List.of(
                StatusChange.to(head.messageSid(), MessageStatus.DELIVERED, later)))))
            .toList()))
        .compose(x -> ours(later))
        .compose(due -> DATABASE.vertx()
            .executeBlocking(() -> PgTestDatabase.queryLong(headless, account))
            .map(stuck -> Map.entry(due, stuck)))
        .eventually(otherNode::close)
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertThat(result.getKey()).hasSize(count)
              .allSatisfy(callback -> assertThat(callback.sequence()).isEqualTo(2));
          assertThat(result.getValue()).as("pending callbacks of messages without a head")
              .isZero();
          ctx.completeNow();
        })));
  }

  /** This test's callbacks due at {@code now}. */
  private Future<List<PendingCallback>> ours(Instant now) {
    return store().dueCallbacks(now, 10_000).map(all -> all.stream()
        .filter(callback -> callback.accountSid().equals(account)).toList());
  }
}
