package io.tern.store.pg;

import static io.tern.store.pg.PgRows.instant;
import static io.tern.store.pg.PgRows.timestamp;

import io.tern.message.MessageStatus;
import io.tern.store.AwaitedReport;
import io.tern.store.CarrierIds;
import io.tern.store.CarrierOutcome;
import io.tern.store.CarrierReport;
import io.tern.store.StoredForm;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Carrier ids and delivery reports in PostgreSQL ({@code carrier_id}, {@code carrier_report}).
 * A report is kept by one statement that also says whether its id is known. The outcome of a
 * message of several parts is read after that committed, so two pods keeping two parts' reports
 * at once both see both; a one-part message's outcome is its report, or the one kept for its id
 * before, so it costs no second read. (Two duplicates of one report kept at the same moment on
 * two pods each answer their own; the status change applied first stands, as changes only move
 * forward.)
 */
public final class PgCarrierIds implements CarrierIds {
  private final Pool pool;
  /** Where reports are kept, matched and forgotten: see {@link PgStores#WRITE_PLANNING}. */
  private final Pool writePool;

  PgCarrierIds(Pool pool, Pool writePool) {
    this.pool = pool;
    this.writePool = writePool;
  }

  @Override
  public Future<List<Optional<CarrierOutcome>>> keepAll(List<CarrierReport> reports) {
    if (reports.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return writePool.preparedQuery(CarrierIdSql.KEEP_ALL).execute(keepArguments(reports))
        .compose(rows -> {
          Recorded[] recorded = new Recorded[reports.size()];
          rows.forEach(row -> recorded[row.getLong("position").intValue() - 1] = Recorded.of(row));
          // Only a message of several parts needs its other parts' reports, read once this
          // call's are committed (two pods keeping two parts at once both see both).
          Set<String> severalParts = new HashSet<>();
          for (Recorded id : recorded) {
            if (id != null && id.parts() > 1) {
              severalParts.add(id.messageSid());
            }
          }
          Map<Key, CarrierReport> firstOfCall = new HashMap<>();
          reports.forEach(report -> firstOfCall.putIfAbsent(Key.of(report), report));
          return outcomes(severalParts).map(bySid -> {
            List<Optional<CarrierOutcome>> outcomes = new ArrayList<>(reports.size());
            for (int i = 0; i < recorded.length; i++) {
              outcomes.add(recorded[i] == null ? Optional.empty()
                  : recorded[i].outcome(firstOfCall.get(Key.of(reports.get(i))), bySid));
            }
            return outcomes;
          });
        });
  }

  private record Key(String connection, String carrierId) {
    static Key of(CarrierReport report) {
      return new Key(report.connection(), report.carrierId());
    }
  }

  /** A report's id as recorded: its message, the message's parts, the id's earlier report. */
  private record Recorded(String messageSid, int parts, Optional<CarrierReport> keptBefore) {
    static Recorded of(Row row) {
      return new Recorded(row.getString("message_sid"), row.getInteger("parts"),
          Optional.ofNullable(report(row)));
    }

    /**
     * The message's outcome: for one part, the report kept before, else the call's first for the
     * id (a duplicate: the first stands); for several, as read back for them.
     */
    Optional<CarrierOutcome> outcome(CarrierReport firstOfCall,
        Map<String, CarrierOutcome> severalParts) {
      return parts > 1 ? Optional.ofNullable(severalParts.get(messageSid))
          : CarrierOutcome.of(messageSid, List.of(keptBefore.orElse(firstOfCall)));
    }
  }

  private static Tuple keepArguments(List<CarrierReport> reports) {
    int size = reports.size();
    String[] connections = new String[size];
    String[] ids = new String[size];
    String[] statuses = new String[size];
    Integer[] errorCodes = new Integer[size];
    String[] errorMessages = new String[size];
    OffsetDateTime[] doneDates = new OffsetDateTime[size];
    OffsetDateTime[] receivedAt = new OffsetDateTime[size];
    for (int i = 0; i < size; i++) {
      CarrierReport report = reports.get(i);
      connections[i] = report.connection();
      ids[i] = report.carrierId();
      statuses[i] = report.status().wire();
      errorCodes[i] = report.errorCode();
      errorMessages[i] = report.errorMessage();
      doneDates[i] = timestamp(StoredForm.of(report.doneDate()));
      receivedAt[i] = timestamp(StoredForm.of(report.receivedAt()));
    }
    return Tuple.of(connections, ids, statuses, errorCodes, errorMessages, doneDates, receivedAt);
  }

  /** Read after the reports committed, so two pods keeping two parts at once both see both. */
  @Override
  public Future<Map<String, CarrierOutcome>> outcomes(Set<String> messageSids) {
    if (messageSids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return pool.preparedQuery(CarrierIdSql.PARTS)
        .execute(Tuple.of(messageSids.toArray(String[]::new)))
        .map(PgCarrierIds::outcomesOf);
  }

  private static Map<String, CarrierOutcome> outcomesOf(RowSet<Row> rows) {
    Map<String, List<Row>> bySid = new LinkedHashMap<>();
    rows.forEach(row -> bySid.computeIfAbsent(row.getString("message_sid"), sid -> new ArrayList<>()).add(row));
    Map<String, CarrierOutcome> outcomes = new HashMap<>();
    bySid.forEach((sid, parts) -> outcomeOf(sid, parts).ifPresent(outcome -> outcomes.put(sid, outcome)));
    return outcomes;
  }

  private static Optional<CarrierOutcome> outcomeOf(String messageSid, List<Row> rows) {
    List<CarrierReport> reports = new ArrayList<>();
    int parts = 0;
    for (Row row : rows) {
      parts = row.getInteger("parts");
      reports.add(report(row));
    }
    // An id recycled by the carrier for a newer message leaves this one a part short: owed.
    return reports.size() != parts ? Optional.empty() : CarrierOutcome.of(messageSid, reports);
  }

  /** The kept report a row carries, or null when it has none. */
  private static CarrierReport report(Row row) {
    return row.getString("status") == null ? null : new CarrierReport(
        row.getString("connection"), row.getString("carrier_id"),
        MessageStatus.fromWire(row.getString("status")), row.getInteger("error_code"),
        row.getString("error_message"), instant(row.getOffsetDateTime("done_date")),
        instant(row.getOffsetDateTime("received_at")));
  }

  @Override
  public Future<List<String>> recentlyMatched(int limit) {
    return writePool.preparedQuery(CarrierIdSql.RECENTLY_MATCHED).execute(Tuple.of(limit))
        .map(rows -> {
          List<String> sids = new ArrayList<>();
          rows.forEach(row -> sids.add(row.getString("message_sid")));
          return sids;
        });
  }

  @Override
  public Future<Void> markMatched(List<String> messageSids) {
    if (messageSids.isEmpty()) {
      return Future.succeededFuture();
    }
    return writePool.preparedQuery(CarrierIdSql.MARK_MATCHED)
        .execute(Tuple.of(messageSids.toArray(String[]::new))).mapEmpty();
  }

  @Override
  public Future<List<AwaitedReport>> awaitingReports(String connection, String afterSid, int limit) {
    return pool.preparedQuery(CarrierIdSql.AWAITING_REPORTS)
        .execute(Tuple.of(connection, afterSid == null ? "" : afterSid, limit))
        .map(rows -> {
          List<AwaitedReport> awaited = new ArrayList<>();
          rows.forEach(row -> awaited.add(new AwaitedReport(row.getString("sid"),
              row.getString("to_address"), Arrays.asList(row.getArrayOfStrings("ids")))));
          return awaited;
        });
  }

  @Override
  public Future<Integer> forgetReports(Instant cutoff) {
    return writePool.preparedQuery(CarrierIdSql.FORGET_REPORTS).execute(Tuple.of(timestamp(cutoff)))
        .map(RowSet::rowCount);
  }
}
