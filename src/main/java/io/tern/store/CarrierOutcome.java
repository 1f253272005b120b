package io.tern.store;

import io.tern.message.MessageStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the delivery reports of every part of a message add up to: {@code delivered} once every
 * part is, {@code undelivered} (with the error of the first undelivered part) if any part is not.
 *
 * @param doneDate the latest done date of the parts: when the carrier finished with the message
 */
public record CarrierOutcome(
    String messageSid, MessageStatus status, Integer errorCode, String errorMessage, Instant doneDate) {

  public CarrierOutcome {
    Objects.requireNonNull(messageSid, "messageSid");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(doneDate, "doneDate");
  }

  /**
   * The outcome of a message from its parts' reports, in part order; a null report is a part not
   * reported yet. Empty while any part is owed.
   */
  public static Optional<CarrierOutcome> of(String messageSid, List<CarrierReport> partReports) {
    if (partReports.isEmpty() || partReports.stream().anyMatch(Objects::isNull)) {
      return Optional.empty();
    }
    Instant doneDate = partReports.stream().map(CarrierReport::doneDate)
        .max(Comparator.naturalOrder()).orElseThrow();
    return Optional.of(partReports.stream()
        .filter(report -> report.status() == MessageStatus.UNDELIVERED)
        .findFirst()
        .map(first -> new CarrierOutcome(messageSid, MessageStatus.UNDELIVERED,
            first.errorCode(), first.errorMessage(), doneDate))
        .orElseGet(() -> new CarrierOutcome(messageSid, MessageStatus.DELIVERED, null, null, doneDate)));
  }
}
