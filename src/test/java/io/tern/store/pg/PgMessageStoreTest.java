package io.tern.store.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.store.Media;
import io.tern.store.Message;
import io.tern.store.MessageQuery;
import io.tern.store.MessageStore;
import io.tern.store.MessageStoreContractTest;
import io.tern.store.Sids;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PgMessageStoreTest extends MessageStoreContractTest {

  private static final String SCHEMA = PgTestDatabase.uniqueSchema("messages");
  private static Vertx vertx;
  private static PgStores stores;

  @BeforeAll
  static void openStores() throws Exception {
    vertx = Vertx.vertx();
    stores = PgTestDatabase.open(vertx, SCHEMA);
  }

  @AfterAll
  static void dropSchema() throws Exception {
    PgTestDatabase.await(stores.close());
    PgTestDatabase.await(vertx.close());
    PgTestDatabase.dropSchema(SCHEMA);
  }

  @Override
  protected MessageStore store() {
    return stores.messageStore();
  }

  @Test
  void messagesAndTheirMediaRowsLandInTheStoresOwnSchema(VertxTestContext ctx) {
    Message mms = message(1, T0);
    Message withTwoMedia = new Message(mms.sid(), mms.accountSid(), mms.to(), mms.from(), null,
        mms.body(), mms.status(), mms.direction(), 1, "GSM", List.of(
            new Media(Sids.generate(Sids.MEDIA), account, mms.sid(), "https://a.example/1.png",
                "image/png", T0),
            new Media(Sids.generate(Sids.MEDIA), account, mms.sid(), "https://a.example/2.png",
                "image/png", T0)),
        null, null, null, null, null, 36000, null, T0, T0, null);

    // JDBC blocks, so the look behind the store's back runs on a worker thread.
    store().insert(withTwoMedia, null)
        .compose(x -> vertx.executeBlocking(() -> List.of(
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
    PgStores otherNode = PgTestDatabase.open(vertx, SCHEMA);
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
}
