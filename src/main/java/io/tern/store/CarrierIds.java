package io.tern.store;

import io.tern.message.StatusChange;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Matches carriers' delivery reports to messages by (connection, carrier id). The ids are
 * recorded by {@link MessageStore#applyStatusChanges} in the same write as {@code sent} (see
 * {@link StatusChange#carrierIds}); this contract keeps the reports and adds them up.
 *
 * <p>A report may arrive before its message's ids are recorded (the carrier reported before the
 * submit answer was written, on another pod, or while Tern was down): it is kept, durably in
 * PostgreSQL, until the ids arrive ({@link #recentlyMatched}) or it is forgotten
 * ({@link #forgetReports}). A report for an id already reported changes nothing: the first one
 * kept is the part's outcome.
 */
public interface CarrierIds {

  /**
   * Keeps the report unless one for the same id is kept already, and returns its message's
   * outcome when the message is known and every part of it has now reported; empty otherwise.
   * A duplicate returns the outcome again (applying it twice is harmless: status changes only
   * move forward).
   */
  default Future<Optional<CarrierOutcome>> keep(CarrierReport report) {
    return keepAll(List.of(report)).map(outcomes -> outcomes.get(0));
  }

  /**
   * {@link #keep} for many reports at once, as one write: the outcome for each report, in the
   * order given. Reports for the same id in one call count as duplicates, the first one kept.
   */
  Future<List<Optional<CarrierOutcome>>> keepAll(List<CarrierReport> reports);

  /** The outcome of the message from its parts' kept reports; empty while any part is owed. */
  default Future<Optional<CarrierOutcome>> outcome(String messageSid) {
    return outcomes(Set.of(messageSid)).map(outcomes -> Optional.ofNullable(outcomes.get(messageSid)));
  }

  /** {@link #outcome} of many messages at once: those whose every part has reported. */
  Future<Map<String, CarrierOutcome>> outcomes(Set<String> messageSids);

  /**
   * Messages of reports that were kept before their ids were recorded and whose ids are now
   * known, at most {@code limit}: their reports can be applied now. Each stays in this list
   * until {@link #markMatched} (so a crash between reading and applying loses nothing).
   */
  Future<List<String>> recentlyMatched(int limit);

  /** The reports of these messages were applied: {@link #recentlyMatched} stops listing them. */
  Future<Void> markMatched(List<String> messageSids);

  /**
   * Messages still {@code sent} that {@code connection} accepted, by sid, after {@code afterSid}
   * (null: from the first), at most {@code limit}: what the connection still owes reports for.
   */
  Future<List<AwaitedReport>> awaitingReports(String connection, String afterSid, int limit);

  /** Forgets reports received before {@code cutoff}, matched or not; how many. */
  Future<Integer> forgetReports(Instant cutoff);
}
