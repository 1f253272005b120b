package io.tern.store.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.store.AccountRegistry;
import io.tern.message.Message;
import io.tern.message.MessageFixture;
import io.tern.store.MessageStore;
import io.tern.message.MessageStatus;
import io.tern.store.MessageLifecycleContractTest;
import io.tern.store.QueuedMessage;
import io.tern.store.StoredForm;
import io.tern.message.StatusChange;
import io.vertx.core.Future;
import io.vertx.junit5.VertxTestContext;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
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

  /**
   * A queue row written before V12, or by a pod of an earlier version during an upgrade, has no
   * segments or validity period: the refill reads them from the message.
   */
  @Test
  void aQueueRowWithoutSegmentsTakesThemFromItsMessage(VertxTestContext ctx) {
    Message older = queued(1, T0, sender(1), 4);

    store().insert(older, null)
        .compose(x -> DATABASE.vertx().executeBlocking(() -> {
          try (Connection connection = PgTestDatabase.jdbc();
              var update = connection.prepareStatement("UPDATE " + SCHEMA + ".queued_message"
                  + " SET num_segments = NULL, validity_period = NULL WHERE sid = ?")) {
            update.setString(1, sid(1));
            return update.executeUpdate();
          }
        }))
        .compose(updated -> {
          ctx.verify(() -> assertThat(updated).isEqualTo(1));
          return store().senderQueue(sender(1), null, null, 10);
        })
        .onComplete(ctx.succeeding(queue -> ctx.verify(() -> {
          assertThat(queue).containsExactly(QueuedMessage.of(StoredForm.of(older)));
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

  /**
   * The stage tables (V11) hold each message exactly while its status calls for it: inserted
   * with it by either insert statement, moved by its status changes, gone with it when deleted.
   */
  @Test
  void stageTablesFollowEachMessageOnItsWay(VertxTestContext ctx) {
    Message accepted = unassigned(1, T0, "MG00000000000000000000000000000009", null);
    Message queued = queued(2, T0, sender(1), 1);
    Message scheduled = outbound(3, T0, sender(1), null, MessageStatus.SCHEDULED, 1, null);
    Message queuedWithKey = queued(4, T0, sender(2), 1);
    Instant t = T0.plusSeconds(1);
    List<List<String>> seen = new ArrayList<>();

    insertAll(accepted, queued, scheduled)
        .compose(x -> store().insert(queuedWithKey, "key-4"))
        .compose(x -> stageRows()).andThen(ctx.succeeding(seen::add))
        .compose(x -> apply(StatusChange.assigned(sid(1), t, "Tern", 1, "GSM"),
            StatusChange.to(sid(2), MessageStatus.SENDING, t),
            StatusChange.to(sid(3), MessageStatus.CANCELED, t), StatusChange.sent(sid(4), t)))
        .compose(x -> stageRows()).andThen(ctx.succeeding(seen::add))
        .compose(x -> apply(StatusChange.sent(sid(2), t), StatusChange.delivered(sid(4), t, t)))
        .compose(x -> stageRows()).andThen(ctx.succeeding(seen::add))
        .compose(x -> store().delete(account, sid(2)))
        .compose(x -> stageRows())
        .onComplete(ctx.succeeding(last -> ctx.verify(() -> {
          assertThat(seen.get(0)).as("inserted").containsExactly(
              "queued " + sender(1) + " " + sid(2), "queued " + sender(2) + " " + sid(4),
              "accepted " + sid(1), "scheduled " + sid(3));
          assertThat(seen.get(1)).as("assigned, claimed, canceled, sent").containsExactly(
              "queued " + account + ":Tern " + sid(1), "queued " + sender(1) + " " + sid(2),
              "sent " + sid(4));
          assertThat(seen.get(2)).as("sent, delivered").containsExactly(
              "queued " + account + ":Tern " + sid(1), "sent " + sid(2));
          assertThat(last).as("sent message deleted").containsExactly(
              "queued " + account + ":Tern " + sid(1));
          ctx.completeNow();
        })));
  }

  /**
   * Claiming a message (queued to sending) and its delivery report update its row in place: no
   * index of message has status in it, so PostgreSQL makes a heap-only tuple (HOT) rather than
   * new entries in every index. Read from the row's page with pageinspect.
   */
  @Test
  void claimAndDeliveryUpdateTheMessageRowInPlace(VertxTestContext ctx) {
    Instant t = T0.plusSeconds(1);
    List<Boolean> heapOnly = new ArrayList<>();
    insertAll(queued(1, T0, sender(1), 1))
        .compose(x -> apply(StatusChange.to(sid(1), MessageStatus.SENDING, t)))
        .compose(x -> isHeapOnly(sid(1))).andThen(ctx.succeeding(heapOnly::add))
        .compose(x -> apply(StatusChange.sent(sid(1), t)))
        .compose(x -> apply(StatusChange.delivered(sid(1), t, t)))
        .compose(x -> isHeapOnly(sid(1)))
        .onComplete(ctx.succeeding(delivered -> ctx.verify(() -> {
          assertThat(heapOnly).as("claimed").containsExactly(true);
          assertThat(delivered).as("delivered").isTrue();
          ctx.completeNow();
        })));
  }

  /** This test's stage table rows: sender queues, then unreleased, then sent, each by sid. */
  private Future<List<String>> stageRows() {
    String sql = "SELECT row FROM ("
        + " SELECT 1 AS stage, sid, 'queued ' || sender_key || ' ' || sid AS row"
        + "   FROM " + SCHEMA + ".queued_message"
        + " UNION ALL SELECT 2, sid, status || ' ' || sid FROM " + SCHEMA + ".unreleased_message"
        + " UNION ALL SELECT 3, sid, 'sent ' || sid FROM " + SCHEMA + ".sent_message) s"
        + " WHERE sid LIKE ? ORDER BY stage, sid";
    return DATABASE.vertx().executeBlocking(() -> {
      try (var connection = PgTestDatabase.jdbc();
          var statement = connection.prepareStatement(sql)) {
        statement.setString(1, sidPrefix + "%");
        List<String> rows = new ArrayList<>();
        try (var result = statement.executeQuery()) {
          while (result.next()) {
            rows.add(result.getString(1));
          }
        }
        return rows;
      }
    });
  }

  /** Whether the current version of message {@code sid} is a heap-only tuple. */
  private Future<Boolean> isHeapOnly(String sid) {
    String sql = "SELECT (i.t_infomask2 & 32768) <> 0"
        + " FROM " + SCHEMA + ".message m,"
        + " LATERAL heap_page_items(get_raw_page('" + SCHEMA + ".message',"
        + "   (m.ctid::text::point)[0]::integer)) i"
        + " WHERE m.sid = ? AND i.lp = (m.ctid::text::point)[1]::integer";
    return DATABASE.vertx().executeBlocking(() -> {
      try (var connection = PgTestDatabase.jdbc()) {
        try (var create = connection.createStatement()) {
          create.execute("CREATE EXTENSION IF NOT EXISTS pageinspect");
        }
        try (var statement = connection.prepareStatement(sql)) {
          statement.setString(1, sid);
          try (var result = statement.executeQuery()) {
            result.next();
            return result.getBoolean(1);
          }
        }
      }
    });
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
