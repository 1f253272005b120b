package io.tern.store;

import io.tern.message.MessageStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * A carrier's delivery report for one of its ids, as the store keeps it: until its message is
 * known (the report may come before the submit answer is written), and to add up the parts of a
 * multi-part message.
 *
 * @param status {@code delivered} or {@code undelivered}
 * @param errorCode null when delivered
 * @param receivedAt when Tern received it: unmatched reports are forgotten a while after
 */
public record CarrierReport(
    String connection,
    String carrierId,
    MessageStatus status,
    Integer errorCode,
    String errorMessage,
    Instant doneDate,
    Instant receivedAt) {

  public CarrierReport {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(carrierId, "carrierId");
    Objects.requireNonNull(doneDate, "doneDate");
    Objects.requireNonNull(receivedAt, "receivedAt");
    if (status != MessageStatus.DELIVERED && status != MessageStatus.UNDELIVERED) {
      throw new IllegalArgumentException("a carrier report says delivered or undelivered, not " + status);
    }
  }
}
