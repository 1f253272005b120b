package io.tern.message;

import io.tern.store.MessageStore;

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

  /**
   * Who the message queues behind: the sender whose rate limit it shares. Null while a
   * Messaging Service has not assigned a sender.
   *
   * @see #senderKey(String, String)
   */
  public String senderKey() {
    return senderKey(accountSid, from);
  }

  /**
   * The sender key of {@code from} sent by {@code accountSid}: a number or short code is one
   * sender whichever account uses it, so its key is the number itself; an alphanumeric ID is
   * the account's own (two accounts may use the same ID without sharing a queue), so its key
   * is {@code accountSid:ID}. Null when {@code from} is null.
   */
  public static String senderKey(String accountSid, String from) {
    if (from == null) {
      return null;
    }
    return isAccountScopedSender(from) ? accountSid + ":" + from : from;
  }

  /** True for alphanumeric sender IDs, whose sender key includes the account. */
  public static boolean isAccountScopedSender(String from) {
    // "+?[0-9]+" written out: every insert, status change and enqueue asks, and the regular
    // expression's matcher was 1% of the accept path's CPU.
    int start = from.startsWith("+") ? 1 : 0;
    if (from.length() == start) {
      return true;
    }
    for (int i = start; i < from.length(); i++) {
      char c = from.charAt(i);
      if (c < '0' || c > '9') {
        return true;
      }
    }
    return false;
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
