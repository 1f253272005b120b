package io.tern.store.pg;

import static io.tern.store.pg.PgRows.timestamp;

import io.tern.metrics.BatchMeter;
import io.tern.store.CallbackAttempt;
import io.tern.store.CallbackForm;
import io.tern.store.Feedback;
import io.tern.store.LastSend;
import io.tern.message.Media;
import io.tern.message.CarrierMessageIds;
import io.tern.message.Message;
import io.tern.store.MessageQuery;
import io.tern.message.MessageStatus;
import io.tern.store.MessageStore;
import io.tern.store.NotFoundException;
import io.tern.store.Page;
import io.tern.store.PendingCallback;
import io.tern.store.QueuedMessage;
import io.tern.store.SenderBacklog;
import io.tern.store.SenderQueueDepth;
import io.tern.message.StatusChange;
import io.tern.store.StoredForm;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;

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
 * message; batching shares the commit as well.) The messages of a batch without media or
 * idempotency key, nearly all of them, go further: one multi-row statement for all of them
 * ({@link MessageSql#INSERT_MANY}), so PostgreSQL plans and executes once per batch rather than
 * three inserts per message. A lone message goes that way too: the single statement's three
 * inserts cost several times the bulk statement's one row to plan and run.
 *
 * <p>Status changes arrive in batches from the status writer and go as one
 * {@code executeBatch} of {@link MessageSql#APPLY_STATUS_CHANGES}: one round trip and one
 * transaction for the batch, one statement per round (a round holds at most one change per
 * message: usually the whole batch, a second round when a message's sent and delivered come
 * together). A round updates its messages (forward only) and writes their callbacks to the
 * outbox, so a committed change always has its callback. Each round locks its messages in sid
 * order, and a later round only messages an earlier one locked, so two batches lock shared
 * messages in the same order and cannot deadlock.
 *
 * <p>The outbox marks each message's head callback (its lowest pending sequence, the only one
 * that may be due), so {@link #dueCallbacks} scans an index of heads and costs the same however
 * many callbacks wait behind them. A status change makes its callback the head when none is
 * pending; recording attempts locks their messages first (in sid order, as above) and hands a
 * finished head over to the next pending callback.
 *
 * <p>Inserts and status changes go through the write pool, whose sessions keep one plan per
 * statement ({@link PgStores#WRITE_PLANNING}); everything else goes through the other pool.
 *
 * <p>Timestamps are truncated to microseconds before they are written ({@link StoredForm}), so
 * what a write returns equals what a later read gives.
 */
public final class PgMessageStore implements MessageStore {
  private static final System.Logger LOG = System.getLogger(PgMessageStore.class.getName());

  /**
   * Messages per batch; bounds the statement size and the latency of one batch. 256 rather than
   * 128 since one batch is in flight: a full pool of requests waiting on one commit fits in the
   * next batch.
   */
  static final int MAX_BATCH_SIZE = 256;
  /**
   * Insert batches on the wire at once; the rest of the pool serves reads and updates. Fewer
   * batches in flight make larger ones, and PostgreSQL's cost is mostly per transaction.
   * Measured side by side (accept alone, c=128): 4 → 2 took the CPU per accept from 70.9 to
   * 64.9 µs; 2 → 1 (with batches of up to 256) from 60.6 to 53.9 µs, PostgreSQL's share from 24.0
   * to 19.4, at a higher rate and no worse p99. A request waits for at most the commit in
   * flight and its own; with two in flight it waited on the same WAL flush all the same.
   */
  static final int MAX_BATCHES_IN_FLIGHT = 1;

  /** Where message inserts go: a pool of their own, used from one event-loop context. */
  record InsertSessions(Pool pool, Context context) {}

  /** Statuses of unreleased_message (V11): messages not yet in a sender's queue. */
  private static final Set<MessageStatus> UNRELEASED =
      EnumSet.of(MessageStatus.SCHEDULED, MessageStatus.ACCEPTED);
  /** Statuses of queued_message (V11): the sender queues. */
  private static final Set<MessageStatus> IN_A_QUEUE =
      EnumSet.of(MessageStatus.QUEUED, MessageStatus.SENDING);
  /** Per target status, the statuses a message may be in for a change to it to apply. */
  private static final Map<MessageStatus, String[]> MOVES_FROM = movesFrom();
  /** {@link #MOVES_FROM} comma separated, as {@link MessageSql#APPLY_STATUS_CHANGES} takes it. */
  private static final Map<MessageStatus, String> MOVES_FROM_LIST = movesFromList();

  private final Pool pool;
  /** Where inserts and status changes are written: see {@link PgStores#WRITE_PLANNING}. */
  private final Pool writePool;
  private final InsertBatcher inserts;
  private final QueueReads queueReads;

  /**
   * @param readConnections {@code pool}'s size, of which the sender queue reads take at most
   *     {@link QueueReads#limitFor half}
   * @param inserts the message inserts' own pool, of {@link #MAX_BATCHES_IN_FLIGHT} connections
   *     in write sessions, and the event-loop context their batches go from (see
   *     {@link InsertBatcher})
   * @param insertBatches told the size and latency of every batch of inserts
   */
  PgMessageStore(Pool pool, int readConnections, Pool writePool, InsertSessions inserts,
      BatchMeter insertBatches) {
    this.pool = pool;
    this.queueReads = new QueueReads(QueueReads.limitFor(readConnections));
    this.writePool = writePool;
    this.inserts = new InsertBatcher(inserts.pool(), inserts.context(), MessageSql.INSERT,
        new PlainMessagesInsert(), MAX_BATCH_SIZE, MAX_BATCHES_IN_FLIGHT, insertBatches);
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

  /** {@link PlainMessagesInsert} reads this layout: keep the two together. */
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
        key, timestamp(m.dateCreated().minus(IDEMPOTENCY_WINDOW)), m.senderKey(),
        m.sendPlan().mms(), m.sendPlan().encodingName(), m.sendPlan().segments()});
  }

  @Override
  public Future<Optional<Message>> find(String accountSid, String sid) {
    return findOne(MessageSql.FIND, Tuple.of(accountSid, sid));
  }

  @Override
  public Future<Optional<Message>> findByIdempotencyKey(String accountSid, String idempotencyKey) {
    return findOne(MessageSql.FIND_BY_IDEMPOTENCY_KEY, Tuple.of(accountSid, idempotencyKey));
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
    boolean walkingBack = q.afterSid() == null && q.beforeSid() != null;
    if (q.afterSid() != null) {
      args.addString(q.afterSid());
      sql = MessageSql.LIST_AFTER;
    } else if (walkingBack) {
      args.addString(q.beforeSid());
      sql = MessageSql.LIST_BEFORE;
    }
    return pool.preparedQuery(sql).execute(args).map(rows -> {
      List<Message> items = new ArrayList<>(rows.size());
      rows.forEach(row -> items.add(PgRows.message(row)));
      boolean hasMore = items.size() > q.pageSize();
      if (!hasMore) {
        return new Page<>(items, false);
      }
      // The extra row is the farthest from the cursor: the oldest going forward, the newest back.
      return new Page<>(walkingBack ? items.subList(1, items.size()) : items.subList(0, q.pageSize()), true);
    });
  }

  @Override
  public Future<Optional<Message>> redact(String accountSid, String sid, Instant at) {
    return findOne(MessageSql.REDACT, Tuple.of(accountSid, sid, timestamp(StoredForm.of(at))));
  }

  @Override
  public Future<Boolean> delete(String accountSid, String sid) {
    return pool.withTransaction(client -> client.preparedQuery(MessageSql.DELETE)
        .execute(Tuple.of(accountSid, sid))
        .compose(rows -> rows.rowCount() == 0
            ? Future.succeededFuture(false)
            : deleteStatusRows(client, sid, rows.iterator().next())));
  }

  private static Future<Boolean> deleteStatusRows(SqlClient client, String sid, Row deleted) {
    return client.preparedQuery(MessageSql.DELETE_STATUS_ROWS)
        .execute(Tuple.of(sid, deleted.getString("sender_key"),
            deleted.getOffsetDateTime("date_created")))
        .map(true);
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

  // Lifecycle: status changes and the callback outbox

  private static Map<MessageStatus, String[]> movesFrom() {
    Map<MessageStatus, String[]> map = new EnumMap<>(MessageStatus.class);
    for (MessageStatus next : MessageStatus.values()) {
      map.put(next, Arrays.stream(MessageStatus.values())
          .filter(current -> current.canMoveTo(next))
          .map(MessageStatus::wire)
          .toArray(String[]::new));
    }
    return map;
  }

  private static Map<MessageStatus, String> movesFromList() {
    Map<MessageStatus, String> map = new EnumMap<>(MessageStatus.class);
    MOVES_FROM.forEach((next, from) -> map.put(next, String.join(",", from)));
    return map;
  }

  @Override
  public Future<List<Message>> applyStatusChanges(List<StatusChange> changes) {
    List<StatusChange> stored = new ArrayList<>(changes.size());
    for (StatusChange change : changes) {
      if (change == null || change.sid() == null || change.status() == null
          || change.at() == null) {
        return Future.failedFuture(
            new IllegalArgumentException("A status change needs a sid, a status and a time"));
      }
      stored.add(StoredForm.of(change));
    }
    Message[] results = new Message[stored.size()];
    // A change no status may move to is answered without asking. The sort is stable, so one
    // message's changes keep their order.
    List<Integer> sent = IntStream.range(0, stored.size()).boxed()
        .filter(i -> MOVES_FROM.get(stored.get(i).status()).length > 0)
        .sorted(Comparator.comparing(i -> stored.get(i).sid()))
        .toList();
    if (sent.isEmpty()) {
      return Future.succeededFuture(Collections.unmodifiableList(Arrays.asList(results)));
    }
    List<List<Integer>> rounds = rounds(sent, stored);
    // A sent's carrier ids are written by the statement that applies it, so they are committed
    // with it or not at all: a delivery report never finds a message without its ids recorded,
    // nor ids of a sent that did not apply.
    List<Tuple> tuples = rounds.stream().map(round -> statusChangesTuple(round, stored)).toList();
    return applyRounds(writePool, tuples, rounds, results);
  }

  private static Future<List<Message>> applyRounds(SqlClient client, List<Tuple> tuples,
      List<List<Integer>> rounds, Message[] results) {
    return client.preparedQuery(MessageSql.APPLY_STATUS_CHANGES).executeBatch(tuples).map(rows -> {
      RowSet<Row> current = rows;
      for (List<Integer> round : rounds) {
        for (Row row : current) {
          results[round.get((int) (long) row.getLong("position") - 1)] = PgRows.message(row);
        }
        current = current.next();
      }
      return Collections.unmodifiableList(Arrays.asList(results));
    });
  }

  /**
   * Splits changes in sid order into rounds of distinct messages, each in sid order: a
   * message's k-th change goes in round k, so its changes apply in their order, one statement
   * after the other (one statement cannot update a row twice). Usually one round, or two when a
   * message's sent and delivered arrive together.
   */
  private static List<List<Integer>> rounds(List<Integer> bySid, List<StatusChange> changes) {
    List<List<Integer>> rounds = new ArrayList<>();
    String previous = null;
    int round = 0;
    for (int i : bySid) {
      String sid = changes.get(i).sid();
      round = sid.equals(previous) ? round + 1 : 0;
      previous = sid;
      if (round == rounds.size()) {
        rounds.add(new ArrayList<>());
      }
      rounds.get(round).add(i);
    }
    return rounds;
  }

  /** One round of changes as {@link MessageSql#APPLY_STATUS_CHANGES}'s arrays. */
  private static Tuple statusChangesTuple(List<Integer> round, List<StatusChange> changes) {
    int n = round.size();
    String[] sids = new String[n];
    String[] statuses = new String[n];
    OffsetDateTime[] ats = new OffsetDateTime[n];
    Integer[] errorCodes = new Integer[n];
    String[] errorMessages = new String[n];
    OffsetDateTime[] datesSent = new OffsetDateTime[n];
    String[] prices = new String[n];
    String[] priceUnits = new String[n];
    String[] froms = new String[n];
    Integer[] segments = new Integer[n];
    String[] encodings = new String[n];
    Boolean[] scopedSenders = new Boolean[n];
    String[] movesFrom = new String[n];
    Boolean[] reportsAll = new Boolean[n];
    Boolean[] reportsService = new Boolean[n];
    Boolean[] carriesErrorCode = new Boolean[n];
    String[] rawDlrDoneDates = new String[n];
    String[] tokens = new String[n];
    for (int k = 0; k < n; k++) {
      StatusChange c = changes.get(round.get(k));
      MessageStatus status = c.status();
      sids[k] = c.sid();
      statuses[k] = status.wire();
      ats[k] = timestamp(c.at());
      errorCodes[k] = c.errorCode();
      errorMessages[k] = c.errorMessage();
      datesSent[k] = timestamp(c.dateSent());
      prices[k] = c.price();
      priceUnits[k] = c.priceUnit();
      froms[k] = c.from();
      segments[k] = c.numSegments();
      encodings[k] = c.encoding();
      scopedSenders[k] = c.from() != null && Message.isAccountScopedSender(c.from());
      movesFrom[k] = MOVES_FROM_LIST.get(status);
      reportsAll[k] = PendingCallback.reports(status, false);
      reportsService[k] = PendingCallback.reports(status, true);
      carriesErrorCode[k] = CallbackForm.carriesErrorCode(status);
      rawDlrDoneDates[k] = CallbackForm.rawDlrDoneDate(status, c.rawDlrDoneDate());
      tokens[k] = UUID.randomUUID().toString();
    }
    CarrierIdArrays ids = CarrierIdArrays.of(round.stream().map(changes::get).toList());
    return Tuple.from(new Object[] {sids, statuses, ats, errorCodes, errorMessages, datesSent,
        prices, priceUnits, froms, segments, encodings, scopedSenders, movesFrom, reportsAll,
        reportsService, carriesErrorCode, rawDlrDoneDates, tokens, CallbackForm.API_VERSION,
        ids.positions(), ids.connections(), ids.ids(), ids.parts(), ids.counts()});
  }

  /**
   * The carrier ids of a round's {@code sent} changes, one element per part, flattened for
   * {@link MessageSql#APPLY_STATUS_CHANGES}: {@code positions} names the change (1-based, as the
   * statement numbers them).
   */
  private record CarrierIdArrays(Integer[] positions, String[] connections, String[] ids,
      Integer[] parts, Integer[] counts) {
    static CarrierIdArrays of(List<StatusChange> round) {
      List<Integer> positions = new ArrayList<>();
      List<String> connections = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      List<Integer> parts = new ArrayList<>();
      List<Integer> counts = new ArrayList<>();
      for (int k = 0; k < round.size(); k++) {
        CarrierMessageIds carrierIds = round.get(k).carrierIds();
        if (carrierIds == null) {
          continue;
        }
        for (int part = 0; part < carrierIds.ids().size(); part++) {
          positions.add(k + 1);
          connections.add(carrierIds.connection());
          ids.add(carrierIds.ids().get(part));
          parts.add(part);
          counts.add(carrierIds.ids().size());
        }
      }
      return new CarrierIdArrays(positions.toArray(Integer[]::new),
          connections.toArray(String[]::new), ids.toArray(String[]::new),
          parts.toArray(Integer[]::new), counts.toArray(Integer[]::new));
    }
  }

  @Override
  public Future<List<PendingCallback>> dueCallbacks(Instant now, int limit, Set<Long> skipping) {
    if (limit < 1) {
      return Future.failedFuture(new IllegalArgumentException("limit must be at least 1"));
    }
    return pool.preparedQuery(MessageSql.DUE_CALLBACKS)
        .execute(Tuple.of(timestamp(StoredForm.of(now)), (long) limit,
            skipping.toArray(Long[]::new)))
        .map(PgMessageStore::readableCallbacks);
  }

  /**
   * The due callbacks whose rows read back: a row that does not (a status this version does not
   * know) is left out and logged rather than failing the read, which would stop every callback.
   */
  private static List<PendingCallback> readableCallbacks(RowSet<Row> rows) {
    List<PendingCallback> callbacks = new ArrayList<>(rows.size());
    for (Row row : rows) {
      try {
        callbacks.add(PgRows.pendingCallback(row));
      } catch (RuntimeException unreadable) {
        LOG.log(System.Logger.Level.WARNING, "Callback " + row.getLong("id")
            + " cannot be read and is left in the outbox: " + unreadable.getMessage());
      }
    }
    return callbacks;
  }

  @Override
  public Future<Void> recordCallbackAttempt(CallbackAttempt attempt) {
    long id = attempt.callbackId();
    return record(List.of(attempt)).compose(rows -> rows.size() > 0
        ? Future.succeededFuture()
        : Future.failedFuture(new NotFoundException("Callback " + id + " is not pending")));
  }

  /**
   * The single-attempt statement as one batch, in one transaction after locking the callbacks'
   * messages: four round trips (begin, lock, batch, commit) for any number of attempts.
   */
  @Override
  public Future<Void> recordCallbackAttempts(List<CallbackAttempt> attempts) {
    if (attempts.isEmpty()) {
      return Future.succeededFuture();
    }
    return record(attempts).mapEmpty();
  }

  /**
   * Records the attempts in list order; the first statement's rows (an attempt id, or none when
   * its callback was not pending). The messages are locked first, so a finished head hands over
   * to callbacks a concurrent status change wrote (see {@link MessageSql#RECORD_CALLBACK_ATTEMPT}).
   */
  private Future<RowSet<Row>> record(List<CallbackAttempt> attempts) {
    List<Tuple> batch = new ArrayList<>(attempts.size());
    Long[] ids = new Long[attempts.size()];
    for (int i = 0; i < attempts.size(); i++) {
      CallbackAttempt a = StoredForm.of(attempts.get(i));
      ids[i] = a.callbackId();
      batch.add(Tuple.of(a.callbackId(), timestamp(a.at()), a.httpStatus(), a.error(),
          a.outcome().name(), timestamp(a.nextAttemptAt())));
    }
    return pool.withTransaction(connection -> connection
        .preparedQuery(MessageSql.LOCK_MESSAGES_OF_CALLBACKS)
        .execute(Tuple.tuple().addArrayOfLong(ids))
        .compose(locked -> connection.preparedQuery(MessageSql.RECORD_CALLBACK_ATTEMPT)
            .executeBatch(batch)));
  }

  @Override
  public Future<List<CallbackAttempt>> callbackAttempts(String accountSid, String messageSid) {
    return pool.preparedQuery(MessageSql.CALLBACK_ATTEMPTS)
        .execute(Tuple.of(accountSid, messageSid))
        .map(rows -> all(rows, PgRows::callbackAttempt));
  }

  @Override
  public Future<List<PendingCallback>> callbacks(String accountSid, String messageSid) {
    return pool.preparedQuery(MessageSql.CALLBACKS_OF_MESSAGE)
        .execute(Tuple.of(accountSid, messageSid))
        .map(rows -> all(rows, PgRows::pendingCallback));
  }

  @Override
  public Future<Integer> pendingCallbackCount() {
    return pool.query(MessageSql.PENDING_CALLBACK_COUNT).execute()
        .map(rows -> (int) (long) rows.iterator().next().getLong(0));
  }

  // Recovery and refill

  @Override
  public Future<List<SenderBacklog>> backlog() {
    return pool.query(MessageSql.BACKLOG).execute()
        .map(rows -> all(rows, row -> new SenderBacklog(row.getString("sender_key"),
            row.getLong("messages"), row.getLong("segments"))));
  }

  @Override
  public Future<SenderQueueDepth> queueDepth(String senderKey) {
    return pool.preparedQuery(MessageSql.QUEUE_DEPTH).execute(Tuple.of(senderKey))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new SenderQueueDepth(row.getLong("queued"), row.getLong("segments"),
              row.getLong("sending"));
        });
  }

  @Override
  public Future<Optional<LastSend>> lastSend(String senderKey) {
    return queueReads.run(() -> readLastSend(senderKey));
  }

  private Future<Optional<LastSend>> readLastSend(String senderKey) {
    if (senderKey == null) {
      return Future.succeededFuture(Optional.empty());
    }
    return pool.preparedQuery(MessageSql.LAST_SEND).execute(Tuple.of(senderKey))
        .map(rows -> {
          RowIterator<Row> found = rows.iterator();
          if (!found.hasNext()) {
            return Optional.empty();
          }
          Row row = found.next();
          return Optional.of(new LastSend(senderKey, PgRows.instant(row.getOffsetDateTime("date_sent")),
              row.getInteger("num_segments")));
        });
  }

  @Override
  public Future<List<Message>> queuedForSender(
      String senderKey, Instant afterCreated, String afterSid, int limit) {
    return queueReads.run(() -> page(MessageSql.QUEUED_FOR_SENDER_FIRST,
        MessageSql.QUEUED_FOR_SENDER_AFTER, senderKey, afterCreated, afterSid, limit));
  }

  @Override
  public Future<List<QueuedMessage>> senderQueue(
      String senderKey, Instant afterCreated, String afterSid, int limit) {
    return queueReads.run(() -> page(MessageSql.SENDER_QUEUE_FIRST, MessageSql.SENDER_QUEUE_AFTER,
        senderKey, afterCreated, afterSid, limit, PgMessageStore::queuedMessage));
  }

  private static QueuedMessage queuedMessage(Row row) {
    return new QueuedMessage(row.getString("sid"),
        PgRows.instant(row.getOffsetDateTime("date_created")), row.getInteger("num_segments"),
        row.getInteger("validity_period"));
  }

  @Override
  public Future<List<Message>> findByStatus(
      MessageStatus status, Instant afterCreated, String afterSid, int limit) {
    if (UNRELEASED.contains(status)) {
      return page(MessageSql.UNRELEASED_BY_STATUS_FIRST, MessageSql.UNRELEASED_BY_STATUS_AFTER,
          status.wire(), afterCreated, afterSid, limit);
    }
    if (IN_A_QUEUE.contains(status)) {
      return page(MessageSql.QUEUED_BY_STATUS_FIRST, MessageSql.QUEUED_BY_STATUS_AFTER,
          status.wire(), afterCreated, afterSid, limit);
    }
    return page(MessageSql.BY_STATUS_FIRST, MessageSql.BY_STATUS_AFTER,
        status.wire(), afterCreated, afterSid, limit);
  }

  /** Oldest first from the start ({@code firstSql}) or strictly after a cursor. */
  private Future<List<Message>> page(String firstSql, String afterSql, String key,
      Instant afterCreated, String afterSid, int limit) {
    return page(firstSql, afterSql, key, afterCreated, afterSid, limit, PgRows::message);
  }

  private <T> Future<List<T>> page(String firstSql, String afterSql, String key,
      Instant afterCreated, String afterSid, int limit, Function<Row, T> read) {
    if (limit < 1) {
      return Future.failedFuture(new IllegalArgumentException("limit must be at least 1"));
    }
    if ((afterCreated == null) != (afterSid == null)) {
      return Future.failedFuture(
          new IllegalArgumentException("A cursor is a creation time and a sid, or neither"));
    }
    Tuple args = Tuple.of(key, (long) limit);
    if (afterCreated != null) {
      args.addOffsetDateTime(timestamp(StoredForm.of(afterCreated))).addString(afterSid);
    }
    return pool.preparedQuery(afterCreated == null ? firstSql : afterSql).execute(args)
        .map(rows -> all(rows, read));
  }

  @Override
  public Future<Integer> requeueInterrupted() {
    return pool.query(MessageSql.REQUEUE_INTERRUPTED).execute().map(RowSet::rowCount);
  }

  @Override
  public Future<Integer> requeueInterrupted(Collection<String> senderKeys) {
    if (senderKeys.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return pool.preparedQuery(MessageSql.REQUEUE_INTERRUPTED_OF_SENDERS)
        .execute(Tuple.tuple().addArrayOfString(senderKeys.toArray(String[]::new)))
        .map(RowSet::rowCount);
  }

  @Override
  public Future<List<Message>> findBySids(Collection<String> sids) {
    String[] wanted = new LinkedHashSet<>(sids).toArray(String[]::new);
    if (wanted.length == 0) {
      return Future.succeededFuture(List.of());
    }
    return pool.preparedQuery(MessageSql.BY_SIDS)
        .execute(Tuple.tuple().addArrayOfString(wanted))
        .map(rows -> all(rows, PgRows::message));
  }

  private static <T> List<T> all(RowSet<Row> rows, Function<Row, T> read) {
    List<T> items = new ArrayList<>(rows.size());
    rows.forEach(row -> items.add(read.apply(row)));
    return items;
  }

  /** Fails inserts not yet sent; the pool is closed by its owner. */
  void close() {
    inserts.close();
  }
}
