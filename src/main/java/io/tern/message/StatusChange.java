package io.tern.message;

import java.time.Instant;

/**
 * One status change of a message, for the store's {@code applyStatusChanges}. Null fields
 * leave the stored value as it is.
 *
 * @param at when the change happened; becomes the message's dateUpdated, and the time its status
 *     callback (if any) is first due
 * @param from the sender a Messaging Service assigned at dispatch; with it come
 *     {@code numSegments} and {@code encoding}, and the message's sender key changes with it
 * @param rawDlrDoneDate the carrier's delivery-report "done date", reported in the callback of
 *     a delivered or undelivered message; not stored on the message
 * @param carrierIds with {@code sent}: the carrier's ids of the message, recorded in the same
 *     write so a delivery report naming them finds the message
 */
public record StatusChange(
    String sid,
    MessageStatus status,
    Instant at,
    Integer errorCode,
    String errorMessage,
    Instant dateSent,
    String price,
    String priceUnit,
    String from,
    Integer numSegments,
    String encoding,
    Instant rawDlrDoneDate,
    CarrierMessageIds carrierIds) {

  /** A change of status alone. */
  public static StatusChange to(String sid, MessageStatus status, Instant at) {
    return new StatusChange(sid, status, at, null, null, null, null, null, null, null, null, null, null);
  }

  /** Sent to the carrier: the status and dateSent. */
  public static StatusChange sent(String sid, Instant at) {
    return new StatusChange(sid, MessageStatus.SENT, at, null, null, at, null, null, null, null,
        null, null, null);
  }

  /**
   * Accepted by the carrier, with the moment the message was released to it (its date_sent)
   * and its price (both price fields null when unpriced).
   */
  public static StatusChange sent(String sid, Instant at, Instant dateSent, String price,
      String priceUnit) {
    return new StatusChange(sid, MessageStatus.SENT, at, null, null, dateSent, price, priceUnit,
        null, null, null, null, null);
  }

  /** The carrier reported delivery. */
  public static StatusChange delivered(String sid, Instant at, Instant doneDate) {
    return to(sid, MessageStatus.DELIVERED, at).withRawDlrDoneDate(doneDate);
  }

  /** The carrier reported non-delivery with a Twilio error code. */
  public static StatusChange undelivered(String sid, Instant at, int errorCode,
      String errorMessage, Instant doneDate) {
    return failed(sid, MessageStatus.UNDELIVERED, at, errorCode, errorMessage)
        .withRawDlrDoneDate(doneDate);
  }

  /** Failed or undelivered with a Twilio error code. */
  public static StatusChange failed(
      String sid, MessageStatus status, Instant at, int errorCode, String errorMessage) {
    return new StatusChange(sid, status, at, errorCode, errorMessage, null, null, null, null,
        null, null, null, null);
  }

  /** A Messaging Service assigned a sender: queued behind it from now on. */
  public static StatusChange assigned(
      String sid, Instant at, String from, int numSegments, String encoding) {
    return new StatusChange(sid, MessageStatus.QUEUED, at, null, null, null, null, null, from,
        numSegments, encoding, null, null);
  }

  /** The same change with the carrier's delivery-report done date. */
  public StatusChange withRawDlrDoneDate(Instant doneDate) {
    return new StatusChange(sid, status, at, errorCode, errorMessage, dateSent, price, priceUnit,
        from, numSegments, encoding, doneDate, carrierIds);
  }

  /** The same change with the carrier's ids of the message (with {@code sent}). */
  public StatusChange withCarrierIds(CarrierMessageIds ids) {
    return new StatusChange(sid, status, at, errorCode, errorMessage, dateSent, price, priceUnit,
        from, numSegments, encoding, rawDlrDoneDate, ids);
  }
}
