package io.tern.store.pg;

import static io.tern.store.pg.PgRows.timestamp;

import io.tern.store.Feedback;
import io.tern.store.Media;
import io.tern.store.Message;
import io.tern.store.MessageQuery;
import io.tern.store.MessageStore;
import io.tern.store.NotFoundException;
import io.tern.store.Page;
import io.tern.store.StoredForm;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Messages in PostgreSQL.
 *
 * <p>Inserts are the hot path: every accepted API request commits one before it answers. Sent
 * one statement per request, throughput would be capped by pool size over commit latency, with
 * one network round trip and one WAL flush per message. Inserts therefore go through an
 * {@link InsertBatcher}: requests arriving while earlier inserts are in flight are sent together
 * with {@code executeBatch}, one round trip and one commit per batch. A message, its media rows
 * and its idempotency key are a single statement ({@link MessageSql#INSERT}), so each message is
 * atomic within its batch and a batch can be split and retried message by message. (The
 * pipelined client would share round trips too, but still commit, and flush the WAL, once per
 * message; batching shares the commit as well.)
 *
 * <p>Timestamps are truncated to microseconds before they are written ({@link StoredForm}), so
 * what a write returns equals what a later read gives.
 */
public final class PgMessageStore implements MessageStore {

  /** Messages per batch; bounds the statement size and the latency of one batch. */
  static final int MAX_BATCH_SIZE = 128;
  /** Insert batches on the wire at once; the rest of the pool serves reads and updates. */
  static final int MAX_BATCHES_IN_FLIGHT = 4;

  private final Pool pool;
  private final InsertBatcher inserts;

  public PgMessageStore(Pool pool) {
    this.pool = pool;
    this.inserts = new InsertBatcher(pool, MessageSql.INSERT, MAX_BATCH_SIZE,
        MAX_BATCHES_IN_FLIGHT);
  }

  @Override
  public Future<Message> insert(Message message, String idempotencyKey) {
    return insert(StoredForm.of(message), idempotencyKey, true);
  }

  private Future<Message> insert(Message stored, String key, boolean mayRetry) {
    return inserts.submit(insertTuple(stored, key))
        .recover(failure -> PgErrors.duplicateAs(failure, "Message " + stored.sid()))
        .compose(inserted -> {
          if (inserted) {
            return Future.succeededFuture(stored);
          }
          // The key belongs to an earlier message, committed before this statement could see it.
          return findOne(MessageSql.FIND_BY_IDEMPOTENCY_KEY, Tuple.of(stored.accountSid(), key))
              .compose(earlier -> earlier.isPresent() || !mayRetry
                  ? Future.succeededFuture(earlier.orElseThrow())
                  // Deleted in between, and its key with it: the key is free again.
                  : insert(stored, key, false));
        });
  }

  private static Tuple insertTuple(Message m, String key) {
    List<Media> media = m.media();
    return Tuple.from(new Object[] {
        m.sid(), m.accountSid(), m.to(), m.from(), m.messagingServiceSid(), m.body(),
        m.status().wire(), m.direction(), m.numSegments(), m.encoding(), m.errorCode(),
        m.errorMessage(), m.price(), m.priceUnit(), m.statusCallback(), m.validityPeriod(),
        timestamp(m.sendAt()), timestamp(m.dateCreated()), timestamp(m.dateUpdated()),
        timestamp(m.dateSent()),
        media.stream().map(Media::sid).toArray(String[]::new),
        media.stream().map(Media::url).toArray(String[]::new),
        media.stream().map(Media::contentType).toArray(String[]::new),
        media.stream().map(item -> timestamp(item.dateCreated())).toArray(OffsetDateTime[]::new),
        key, timestamp(m.dateCreated().minus(IDEMPOTENCY_WINDOW))});
  }

  @Override
  public Future<Optional<Message>> find(String accountSid, String sid) {
    return findOne(MessageSql.FIND, Tuple.of(accountSid, sid));
  }

  private Future<Optional<Message>> findOne(String sql, Tuple args) {
    return pool.preparedQuery(sql).execute(args).map(PgMessageStore::firstMessage);
  }

  private static Optional<Message> firstMessage(RowSet<Row> rows) {
    var iterator = rows.iterator();
    return iterator.hasNext() ? Optional.of(PgRows.message(iterator.next())) : Optional.empty();
  }

  @Override
  public Future<Page<Message>> list(MessageQuery q) {
    if (q.pageSize() < 1) {
      return Future.failedFuture(new IllegalArgumentException("pageSize must be at least 1"));
    }
    // One extra row tells whether another page follows.
    Tuple args = Tuple.of(q.accountSid(), q.to(), q.from(), timestamp(q.dateSentFrom()),
        timestamp(q.dateSentUntil()), q.pageSize() + 1L);
    String sql = MessageSql.LIST_FIRST_PAGE;
    if (q.afterSid() != null) {
      args.addString(q.afterSid());
      sql = MessageSql.LIST_AFTER;
    }
    return pool.preparedQuery(sql).execute(args).map(rows -> {
      List<Message> items = new ArrayList<>(rows.size());
      rows.forEach(row -> items.add(PgRows.message(row)));
      boolean hasMore = items.size() > q.pageSize();
      return new Page<>(hasMore ? items.subList(0, q.pageSize()) : items, hasMore);
    });
  }

  @Override
  public Future<Message> update(Message message) {
    Message m = StoredForm.of(message);
    Tuple args = Tuple.from(new Object[] {
        m.sid(), m.accountSid(), m.to(), m.from(), m.messagingServiceSid(), m.body(),
        m.status().wire(), m.direction(), m.numSegments(), m.encoding(), m.errorCode(),
        m.errorMessage(), m.price(), m.priceUnit(), m.statusCallback(), m.validityPeriod(),
        timestamp(m.sendAt()), timestamp(m.dateUpdated()), timestamp(m.dateSent())});
    return findOne(MessageSql.UPDATE, args).compose(updated -> updated
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(
            new NotFoundException("Message " + m.sid() + " not found"))));
  }

  @Override
  public Future<Boolean> delete(String accountSid, String sid) {
    return pool.preparedQuery(MessageSql.DELETE).execute(Tuple.of(accountSid, sid))
        .map(rows -> rows.rowCount() > 0);
  }

  @Override
  public Future<Boolean> deleteMedia(String accountSid, String messageSid, String mediaSid) {
    return pool.preparedQuery(MessageSql.DELETE_MEDIA)
        .execute(Tuple.of(accountSid, messageSid, mediaSid))
        .map(rows -> rows.rowCount() > 0);
  }

  @Override
  public Future<Feedback> saveFeedback(Feedback feedback) {
    Feedback f = StoredForm.of(feedback);
    return pool.preparedQuery(MessageSql.SAVE_FEEDBACK)
        .execute(Tuple.of(f.accountSid(), f.messageSid(), f.outcome(),
            timestamp(f.dateCreated()), timestamp(f.dateUpdated())))
        .compose(rows -> rows.size() > 0
            ? Future.succeededFuture(PgRows.feedback(rows.iterator().next()))
            : Future.failedFuture(
                new NotFoundException("Message " + f.messageSid() + " not found")));
  }

  @Override
  public Future<Void> expireIdempotencyKeys(Instant cutoff) {
    return pool.preparedQuery(MessageSql.EXPIRE_IDEMPOTENCY_KEYS)
        .execute(Tuple.of(timestamp(StoredForm.of(cutoff))))
        .mapEmpty();
  }

  /** Fails inserts not yet sent; the pool is closed by its owner. */
  void close() {
    inserts.close();
  }
}
