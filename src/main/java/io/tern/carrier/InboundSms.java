package io.tern.carrier;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message a handset sent to one of Tern's numbers or short codes, as the carrier delivered
 * it: one part of it when it came in several. The text is already decoded by the connector.
 *
 * @param connection the {@link CarrierConnector#name()} that received it
 * @param carrierMessageId the carrier's id for it, when it gave one (a redelivery repeats it);
 *     otherwise null
 * @param dataCoding the SMPP {@code data_coding} it came with (0 GSM-7/default, 8 UCS-2, ...)
 * @param part where it belongs in a long message; null for a message in one part
 * @param mediaUrls media of an inbound MMS; empty for an SMS
 */
public record InboundSms(
    String connection,
    String carrierMessageId,
    String from,
    String to,
    String text,
    int dataCoding,
    Part part,
    List<String> mediaUrls,
    Instant receivedAt) {

  public InboundSms {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(receivedAt, "receivedAt");
    mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
  }

  /**
   * One part of a concatenated message (UDH 8- or 16-bit reference, or SAR): parts with the
   * same sender, recipient and reference belong together.
   *
   * @param sequence 1-based
   */
  public record Part(int reference, int total, int sequence) {
    public Part {
      if (total < 1 || sequence < 1 || sequence > total) {
        throw new IllegalArgumentException("part " + sequence + " of " + total);
      }
    }
  }
}
