package io.tern.store;

import java.time.Instant;
import java.util.List;

/**
 * One outbound message as the store keeps it. Immutable: every change is a new record written
 * through {@link MessageStore}.
 *
 * @param from the sender (E.164 number, short code or alphanumeric ID); null while a Messaging
 *     Service has not chosen one
 * @param numSegments 0 until the sender (and so the encoding) is known
 * @param validityPeriod seconds the message may wait in a queue before it fails with 30036
 * @param sendAt for scheduled messages, when to release it; otherwise null
 */
public record Message(
    String sid,
    String accountSid,
    String to,
    String from,
    String messagingServiceSid,
    String body,
    MessageStatus status,
    String direction,
    int numSegments,
    String encoding,
    List<Media> media,
    Integer errorCode,
    String errorMessage,
    String price,
    String priceUnit,
    String statusCallback,
    int validityPeriod,
    Instant sendAt,
    Instant dateCreated,
    Instant dateUpdated,
    Instant dateSent) {

  public static final String OUTBOUND_API = "outbound-api";

  public Message {
    media = media == null ? List.of() : List.copyOf(media);
  }

  public int numMedia() {
    return media.size();
  }

  public Message withStatus(MessageStatus newStatus, Instant now) {
    return new Message(sid, accountSid, to, from, messagingServiceSid, body, newStatus, direction,
        numSegments, encoding, media, errorCode, errorMessage, price, priceUnit, statusCallback,
        validityPeriod, sendAt, dateCreated, now, dateSent);
  }

  public Message withBody(String newBody, Instant now) {
    return new Message(sid, accountSid, to, from, messagingServiceSid, newBody, status, direction,
        numSegments, encoding, media, errorCode, errorMessage, price, priceUnit, statusCallback,
        validityPeriod, sendAt, dateCreated, now, dateSent);
  }
}
