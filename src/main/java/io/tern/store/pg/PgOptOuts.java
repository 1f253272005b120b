package io.tern.store.pg;

import io.tern.store.OptOutReplies;
import io.tern.store.OptOuts;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@link OptOuts} on PostgreSQL. The gateway reads it through {@link io.tern.store.CachingOptOuts},
 * so a new message costs a query only when its recipient opted out of something in the account.
 */
public final class PgOptOuts implements OptOuts {
  private final Pool pool;

  public PgOptOuts(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> optOut(String accountSid, String recipient, Collection<String> scopes, Instant at) {
    return pool.preparedQuery(InboundSql.OPT_OUT)
        .execute(Tuple.of(accountSid, recipient, scopes.toArray(String[]::new), PgRows.timestamp(at)))
        .mapEmpty();
  }

  @Override
  public Future<Void> optIn(String accountSid, String recipient, Collection<String> scopes) {
    return pool.preparedQuery(InboundSql.OPT_IN)
        .execute(Tuple.of(accountSid, recipient, scopes.toArray(String[]::new)))
        .mapEmpty();
  }

  @Override
  public Future<Boolean> isOptedOut(String accountSid, String recipient, String sender,
      String serviceSid) {
    return pool.preparedQuery(InboundSql.IS_OPTED_OUT)
        .execute(Tuple.of(accountSid, recipient, sender, serviceSid))
        .map(rows -> rows.iterator().next().getBoolean("opted_out"));
  }

  @Override
  public Future<Optional<Set<String>>> recipientsOptedOut(String accountSid, int limit) {
    return pool.preparedQuery(InboundSql.RECIPIENTS_OPTED_OUT).execute(Tuple.of(accountSid, limit + 1))
        .map(rows -> {
          Set<String> recipients = new HashSet<>();
          rows.forEach(row -> recipients.add(row.getString("recipient")));
          return recipients.size() > limit ? Optional.empty() : Optional.of(recipients);
        });
  }

  @Override
  public Future<Optional<OptOutReplies>> replies(String accountSid, String serviceSid) {
    return pool.preparedQuery(InboundSql.REPLIES).execute(Tuple.of(accountSid, serviceSid))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(replies(rows.iterator().next())));
  }

  @Override
  public Future<OptOutReplies> saveReplies(OptOutReplies r) {
    return pool.preparedQuery(InboundSql.SAVE_REPLIES)
        .execute(Tuple.from(new Object[] {r.serviceSid(), r.accountSid(), r.enabled(),
            r.stopText(), r.startText(), r.helpText(), PgRows.timestamp(r.dateUpdated())}))
        .map(rows -> replies(rows.iterator().next()));
  }

  private static OptOutReplies replies(Row row) {
    return new OptOutReplies(row.getString("service_sid"), row.getString("account_sid"),
        row.getBoolean("enabled"), row.getString("stop_text"), row.getString("start_text"),
        row.getString("help_text"), PgRows.instant(row.getOffsetDateTime("date_updated")));
  }
}
