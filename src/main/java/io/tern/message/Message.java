package io.tern.message;

import java.time.Instant;
import java.util.List;

/**
 * One outbound message as the store keeps it. Immutable: every change is a new record written
 * through the store.
 *
 * @param from the sender (E.164 number, short code or alphanumeric ID); null while a Messaging
 *     Service has not chosen one
 * @param body the body as stored and shown: smart-encoded and trial-prefixed as it is sent, but
 *     without the media links of a converted MMS (those are in {@link #sendPlan})
 * @param numSegments as the API reports it: 0 while a Messaging Service has not chosen the
 *     sender, then the plan's segments
 * @param encoding as the API reports it: null until the sender is known and for an MMS
 * @param validityPeriod seconds the message may wait in a queue before it fails with 30036
 * @param sendAt for scheduled messages, when to release it; otherwise null
 * @param sendPlan what the carrier receives and the throttle charges, fixed when the message is
 *     accepted; never null
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
    Instant dateSent,
    SendPlan sendPlan) {

  public static final String OUTBOUND_API = "outbound-api";

  public Message {
    media = media == null ? List.of() : List.copyOf(media);
    if (sendPlan == null) {
      // Only records built without a plan (older rows, tests) get here: an MMS is what has
      // media and no encoding once the sender is known.
      sendPlan = SendPlan.of(body, mediaUrls(media),
          !media.isEmpty() && encoding == null && numSegments > 0);
    }
  }

  private static List<String> mediaUrls(List<Media> media) {
    return media.stream().map(Media::url).toList();
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
    return toBuilder().status(newStatus).dateUpdated(now).build();
  }

  /** The message with another body; its plan's text follows, so no copy of the old body stays. */
  public Message withBody(String newBody, Instant now) {
    SendPlan plan = SendPlan.stored(newBody, mediaUrls(media), sendPlan.mms(),
        sendPlan.encoding(), sendPlan.segments());
    return toBuilder().body(newBody).sendPlan(plan).dateUpdated(now).build();
  }

  /** A builder holding every component; start from {@link #builder()} or {@link #toBuilder()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this message's components, to copy it with a few of them changed. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.sid = sid;
    b.accountSid = accountSid;
    b.to = to;
    b.from = from;
    b.messagingServiceSid = messagingServiceSid;
    b.body = body;
    b.status = status;
    b.direction = direction;
    b.numSegments = numSegments;
    b.encoding = encoding;
    b.media = media;
    b.errorCode = errorCode;
    b.errorMessage = errorMessage;
    b.price = price;
    b.priceUnit = priceUnit;
    b.statusCallback = statusCallback;
    b.validityPeriod = validityPeriod;
    b.sendAt = sendAt;
    b.dateCreated = dateCreated;
    b.dateUpdated = dateUpdated;
    b.dateSent = dateSent;
    b.sendPlan = sendPlan;
    return b;
  }

  /**
   * Builds a {@link Message} by name rather than by position: the record has many components
   * of the same type, and a call site that names them can be read and checked.
   */
  public static final class Builder {
    private String sid;
    private String accountSid;
    private String to;
    private String from;
    private String messagingServiceSid;
    private String body;
    private MessageStatus status;
    private String direction;
    private int numSegments;
    private String encoding;
    private List<Media> media;
    private Integer errorCode;
    private String errorMessage;
    private String price;
    private String priceUnit;
    private String statusCallback;
    private int validityPeriod;
    private Instant sendAt;
    private Instant dateCreated;
    private Instant dateUpdated;
    private Instant dateSent;
    private SendPlan sendPlan;

    private Builder() {}

    public Builder sid(String sid) {
      this.sid = sid;
      return this;
    }

    public Builder accountSid(String accountSid) {
      this.accountSid = accountSid;
      return this;
    }

    public Builder to(String to) {
      this.to = to;
      return this;
    }

    public Builder from(String from) {
      this.from = from;
      return this;
    }

    public Builder messagingServiceSid(String messagingServiceSid) {
      this.messagingServiceSid = messagingServiceSid;
      return this;
    }

    public Builder body(String body) {
      this.body = body;
      return this;
    }

    public Builder status(MessageStatus status) {
      this.status = status;
      return this;
    }

    public Builder direction(String direction) {
      this.direction = direction;
      return this;
    }

    public Builder numSegments(int numSegments) {
      this.numSegments = numSegments;
      return this;
    }

    public Builder encoding(String encoding) {
      this.encoding = encoding;
      return this;
    }

    public Builder media(List<Media> media) {
      this.media = media;
      return this;
    }

    public Builder errorCode(Integer errorCode) {
      this.errorCode = errorCode;
      return this;
    }

    public Builder errorMessage(String errorMessage) {
      this.errorMessage = errorMessage;
      return this;
    }

    public Builder price(String price) {
      this.price = price;
      return this;
    }

    public Builder priceUnit(String priceUnit) {
      this.priceUnit = priceUnit;
      return this;
    }

    public Builder statusCallback(String statusCallback) {
      this.statusCallback = statusCallback;
      return this;
    }

    public Builder validityPeriod(int validityPeriod) {
      this.validityPeriod = validityPeriod;
      return this;
    }

    public Builder sendAt(Instant sendAt) {
      this.sendAt = sendAt;
      return this;
    }

    public Builder dateCreated(Instant dateCreated) {
      this.dateCreated = dateCreated;
      return this;
    }

    public Builder dateUpdated(Instant dateUpdated) {
      this.dateUpdated = dateUpdated;
      return this;
    }

    public Builder dateSent(Instant dateSent) {
      this.dateSent = dateSent;
      return this;
    }

    public Builder sendPlan(SendPlan sendPlan) {
      this.sendPlan = sendPlan;
      return this;
    }

    public Message build() {
      return new Message(sid, accountSid, to, from, messagingServiceSid, body, status, direction,
          numSegments, encoding, media, errorCode, errorMessage, price, priceUnit, statusCallback,
          validityPeriod, sendAt, dateCreated, dateUpdated, dateSent, sendPlan);
    }
  }
}
