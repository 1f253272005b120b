package io.tern.store.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.store.AccountRegistry;
import io.tern.message.Message;
import io.tern.message.MessageFixture;
import io.tern.store.MessageStore;
import io.tern.message.MessageStatus;
import io.tern.store.MessageLifecycleContractTest;
import io.tern.message.StatusChange;
import io.vertx.core.Future;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The lifecycle contract on PostgreSQL, and how status changes batch, lock and roll back. */
class PgMessageLifecycleTest extends MessageLifecycleContractTest {

  @RegisterExtension
  static final PgSchema DATABASE = new PgSchema("lifecycle");
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

  private Message queuedFrom(int n, String from) {
    Message m = message(n, T0.plusMillis(n));
    return PgMessagesTest.plain(m).from(from).statusCallback(m.statusCallback()).dateUpdated(m.dateCreated())
        .build();
  }

  private Future<Void> insertQueued(int count, String from) {
    return Future.all(IntStream.rangeClosed(1, count)
            .mapToObj(n -> store().insert(queuedFrom(n, from), null))
            .toList())
        .mapEmpty();
  }
}
