package io.tern.store.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.store.AccountRegistry;
import io.tern.message.Media;
import io.tern.message.Message;
import io.tern.message.MessageFixture;
import io.tern.store.MessageQuery;
import io.tern.store.MessageStore;
import io.tern.store.MessagesContractTest;
import io.tern.message.Sids;
import io.vertx.core.Future;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The messages contract on PostgreSQL, and how inserts land in the schema and batch. */
class PgMessagesTest extends MessagesContractTest {

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
  static Message.Builder plain(Message m) {
    return MessageFixture.queued(m.sid(), m.accountSid(), m.from(), m.dateCreated())
        .to(m.to())
        .body(m.body())
        .status(m.status())
        .direction(m.direction())
        .dateUpdated(m.dateUpdated());
  }
}
