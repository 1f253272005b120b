package io.tern.store.pg;

import io.tern.store.InboundPart;
import io.tern.store.InboundRecipient;
import io.tern.store.InboundStore;
import io.tern.store.PendingWebhook;
import io.tern.store.WebhookAttempt;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** {@link InboundStore} on PostgreSQL (tables of {@code V6__inbound.sql}). */
public final class PgInboundStore implements InboundStore {
  private final Pool pool;

  public PgInboundStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Optional<InboundRecipient>> findRecipient(String address) {
    return pool.preparedQuery(InboundSql.FIND_RECIPIENT).execute(Tuple.of(address))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(recipient(rows.iterator().next())));
  }

  @Override
  public Future<List<InboundPart>> holdPart(InboundPart part) {
    return pool.withTransaction(connection -> connection.preparedQuery(InboundSql.HOLD_PART)
        .execute(Tuple.from(new Object[] {part.groupKey(), part.sequence(), part.total(),
            part.connection(), part.carrierId(), part.from(), part.to(), part.body(),
            PgRows.timestamp(part.receivedAt())}))
        .compose(held -> connection.preparedQuery(InboundSql.PARTS_OF_GROUP)
            .execute(Tuple.of(part.groupKey())))
        .map(rows -> list(rows, PgInboundStore::part)));
  }

  @Override
  public Future<Void> releaseParts(String groupKey) {
    return pool.preparedQuery(InboundSql.RELEASE_PARTS).execute(Tuple.of(groupKey)).mapEmpty();
  }

  @Override
  public Future<List<InboundPart>> partsWaitingSince(Instant cutoff) {
    return pool.preparedQuery(InboundSql.PARTS_WAITING_SINCE)
        .execute(Tuple.of(PgRows.timestamp(cutoff)))
        .map(rows -> list(rows, PgInboundStore::part));
  }

  @Override
  public Future<Void> enqueueWebhook(String accountSid, String messageSid, String optOutType, Instant due) {
    return pool.preparedQuery(InboundSql.ENQUEUE_WEBHOOK)
        .execute(Tuple.of(messageSid, accountSid, optOutType, PgRows.timestamp(due)))
        .mapEmpty();
  }

  @Override
  public Future<Boolean> hasWebhook(String messageSid) {
    return pool.preparedQuery(InboundSql.HAS_WEBHOOK).execute(Tuple.of(messageSid))
        .map(rows -> rows.iterator().next().getBoolean("present"));
  }

  @Override
  public Future<List<PendingWebhook>> claimDueWebhooks(Instant now, Instant claimUntil, int limit) {
    return pool.preparedQuery(InboundSql.CLAIM_DUE_WEBHOOKS)
        .execute(Tuple.of(PgRows.timestamp(now), PgRows.timestamp(claimUntil), limit))
        .map(rows -> list(rows, row -> new PendingWebhook(row.getString("message_sid"),
            row.getString("account_sid"), row.getString("opt_out_type"),
            row.getInteger("attempts"), PgRows.instant(row.getOffsetDateTime("due_at")),
            PgRows.instant(row.getOffsetDateTime("created_at")))));
  }

  @Override
  public Future<Void> retryWebhook(String messageSid, int attempts, Instant nextAttemptAt) {
    return pool.preparedQuery(InboundSql.RETRY_WEBHOOK)
        .execute(Tuple.of(messageSid, attempts, PgRows.timestamp(nextAttemptAt)))
        .mapEmpty();
  }

  @Override
  public Future<Void> finishWebhook(String messageSid, Instant at) {
    return pool.preparedQuery(InboundSql.FINISH_WEBHOOK)
        .execute(Tuple.of(messageSid, PgRows.timestamp(at)))
        .mapEmpty();
  }

  @Override
  public Future<Void> recordWebhookAttempt(WebhookAttempt a) {
    return pool.preparedQuery(InboundSql.RECORD_ATTEMPT)
        .execute(Tuple.from(new Object[] {a.messageSid(), a.accountSid(), a.url(), a.method(),
            a.kind(), PgRows.timestamp(a.attemptedAt()), a.httpStatus(), a.errorCode(), a.error()}))
        .mapEmpty();
  }

  @Override
  public Future<List<WebhookAttempt>> webhookAttempts(String accountSid, String messageSid) {
    return pool.preparedQuery(InboundSql.ATTEMPTS).execute(Tuple.of(accountSid, messageSid))
        .map(rows -> list(rows, row -> new WebhookAttempt(row.getString("message_sid"),
            row.getString("account_sid"), row.getString("url"), row.getString("method"),
            row.getString("kind"), PgRows.instant(row.getOffsetDateTime("attempted_at")),
            row.getInteger("http_status"), row.getInteger("error_code"), row.getString("error"))));
  }

  private static InboundRecipient recipient(Row row) {
    return new InboundRecipient(row.getString("account_sid"), row.getString("address"),
        row.getString("sms_url"), row.getString("sms_method"), row.getString("sms_fallback_url"),
        row.getString("sms_fallback_method"), row.getString("service_sid"),
        row.getString("inbound_request_url"), row.getString("inbound_method"),
        row.getString("fallback_url"), row.getString("fallback_method"),
        row.getBoolean("use_number"));
  }

  private static InboundPart part(Row row) {
    return new InboundPart(row.getString("group_key"), row.getInteger("sequence"),
        row.getInteger("total"), row.getString("connection"), row.getString("carrier_id"),
        row.getString("from_address"), row.getString("to_address"), row.getString("body"),
        PgRows.instant(row.getOffsetDateTime("received_at")));
  }

  static <T> List<T> list(RowSet<Row> rows, Function<Row, T> mapper) {
    List<T> items = new ArrayList<>(rows.size());
    rows.forEach(row -> items.add(mapper.apply(row)));
    return items;
  }
}
