package io.tern.store.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.store.Message;
import io.tern.store.MessageQuery;
import io.tern.store.MessageStore;
import io.tern.store.MessageStoreContractTest;
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
