package io.tern.store.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.store.AccountRegistry;
import io.tern.store.CallbackAttempt;
import io.tern.store.MessageStore;
import io.tern.message.MessageStatus;
import io.tern.store.CallbackOutboxContractTest;
import io.tern.store.PendingCallback;
import io.tern.message.StatusChange;
import io.vertx.core.Future;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The callback outbox contract on PostgreSQL, with two nodes writing at once. */
class PgCallbackOutboxTest extends CallbackOutboxContractTest {

  @RegisterExtension
  static final PgSchema DATABASE = new PgSchema("outbox");
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
