package io.tern.store.memory;

import io.tern.message.Media;
import io.tern.message.Message;
import io.tern.message.MessageStatus;
import io.tern.message.SendPlan;
import io.tern.message.text.Encoding;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A message as the in-memory store keeps it: the fields its indexes sort and filter by, and the
 * rest packed into one byte array, read back into a {@link Message} when asked for. The store
 * keeps every message; kept as records, each was about eight objects (record, send plan, body,
 * timestamps) that the collector traces on every marking cycle, and with the heap filling,
 * marking the store took a good share of each accept's CPU. Packed, it is two objects whose
 * only references are the sid and the strings it shares with every other message of its
 * account, sender and recipient. Each change of status packs the message again.
 */
final class PackedMessage {
  private static final MessageStatus[] STATUSES = MessageStatus.values();
  private static final Encoding[] ENCODINGS = Encoding.values();
  /** Where {@link #sentMicros} is null. */
  private static final long NONE = Long.MIN_VALUE;

  private final String sid;
  private final String accountSid;
  private final String to;
  private final String from;
  private final long createdMicros;
  private final long sentMicros;
  /** Status (one byte), segments, then the rest: see {@link #of}. */
  private final byte[] rest;

  private PackedMessage(Message message, byte[] rest) {
    this.sid = message.sid();
    this.accountSid = message.accountSid();
    this.to = message.to();
    this.from = message.from();
    this.createdMicros = micros(message.dateCreated());
    this.sentMicros = message.dateSent() == null ? NONE : micros(message.dateSent());
    this.rest = rest;
  }

  /** The message packed; its timestamps must be whole microseconds, as stored ones are. */
  static PackedMessage of(Message message) {
    Packer out = new Packer();
    // First, status in one byte and segments, so that the sender queues' counts read them
    // without unpacking the rest.
    out.number(message.status().ordinal());
    out.number(message.numSegments());
    out.string(message.messagingServiceSid());
    out.string(message.body());
    out.string(message.direction());
    out.string(message.encoding());
    out.number(message.media().size());
    for (Media item : message.media()) {
      out.string(item.sid());
      out.string(item.accountSid());
      out.string(item.parentSid());
      out.string(item.url());
      out.string(item.contentType());
      out.instant(item.dateCreated());
    }
    out.number(message.errorCode() == null ? 0 : zigzag(message.errorCode()) + 1);
    out.string(message.errorMessage());
    out.string(message.price());
    out.string(message.priceUnit());
    out.string(message.statusCallback());
    out.number(message.validityPeriod());
    out.instant(message.sendAt());
    out.instant(message.dateUpdated());
    SendPlan plan = message.sendPlan();
    out.number(plan.encoding() == null ? 0 : plan.encoding().ordinal() + 1);
    out.number(plan.segments());
    out.number(plan.mms() ? 1 : 0);
    // The plan's text is the body but where media links were added to it.
    out.string(plan.text().equals(message.body()) ? null : plan.text());
    return new PackedMessage(message, out.bytes());
  }

  /** The message as it was packed. */
  Message unpack() {
    Unpacker in = new Unpacker(rest);
    MessageStatus status = STATUSES[(int) in.number()];
    int numSegments = (int) in.number();
    Message.Builder message = Message.builder()
        .sid(sid)
        .accountSid(accountSid)
        .to(to)
        .from(from)
        .dateCreated(instant(createdMicros))
        .dateSent(sentMicros == NONE ? null : instant(sentMicros))
        .messagingServiceSid(in.string());
    String body = in.string();
    message.body(body)
        .status(status)
        .direction(in.string())
        .numSegments(numSegments)
        .encoding(in.string());
    int mediaCount = (int) in.number();
    List<Media> media = new ArrayList<>(mediaCount);
    for (int i = 0; i < mediaCount; i++) {
      media.add(new Media(in.string(), in.string(), in.string(), in.string(), in.string(),
          in.instant()));
    }
    long errorCode = in.number();
    message.media(media)
        .errorCode(errorCode == 0 ? null : unzigzag(errorCode - 1))
        .errorMessage(in.string())
        .price(in.string())
        .priceUnit(in.string())
        .statusCallback(in.string())
        .validityPeriod((int) in.number())
        .sendAt(in.instant())
        .dateUpdated(in.instant());
    long encoding = in.number();
    int segments = (int) in.number();
    boolean mms = in.number() == 1;
    String text = in.string();
    return message
        .sendPlan(new SendPlan(text == null ? body : text,
            encoding == 0 ? null : ENCODINGS[(int) encoding - 1], segments, mms))
        .build();
  }

  String sid() {
    return sid;
  }

  String accountSid() {
    return accountSid;
  }

  String to() {
    return to;
  }

  String from() {
    return from;
  }

  long createdMicros() {
    return createdMicros;
  }

  /** When the message was sent, or null. */
  Instant dateSent() {
    return sentMicros == NONE ? null : instant(sentMicros);
  }

  MessageStatus status() {
    return STATUSES[rest[0]];
  }

  int numSegments() {
    return (int) new Unpacker(rest, 1).number();
  }

  /** Any int as a non-negative number, small when the int is near 0 (as protobuf does it). */
  private static long zigzag(int value) {
    return Integer.toUnsignedLong((value << 1) ^ (value >> 31));
  }

  private static int unzigzag(long packed) {
    return (int) (packed >>> 1) ^ -(int) (packed & 1);
  }

  static long micros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
        instant.getNano() / 1_000);
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
        Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  /**
   * Values most messages share, packed as their place here rather than spelled out: a
   * direction, an encoding, a price unit. Only appended to: a place never changes meaning.
   */
  private static final List<String> COMMON = List.of(
      Message.OUTBOUND_API, "inbound", "outbound-reply", "outbound-call", "GSM-7", "UCS-2", "USD");

  /**
   * Numbers as unsigned base-128 varints; a string as 0 for null, 1 + its place in
   * {@link #COMMON}, or past those its UTF-8 length, then the bytes.
   */
  private static final class Packer {
    private byte[] bytes = new byte[96];
    private int length;

    void number(long value) {
      long rest = value;
      while ((rest & ~0x7FL) != 0) {
        put((byte) ((rest & 0x7F) | 0x80));
        rest >>>= 7;
      }
      put((byte) rest);
    }

    void string(String value) {
      if (value == null) {
        number(0);
        return;
      }
      int common = COMMON.indexOf(value);
      if (common >= 0) {
        number(common + 1L);
        return;
      }
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      number(utf8.length + 1L + COMMON.size());
      for (byte b : utf8) {
        put(b);
      }
    }

    void instant(Instant value) {
      if (value == null) {
        number(0);
        return;
      }
      number(1);
      long micros = micros(value);
      for (int shift = 56; shift >= 0; shift -= 8) {
        put((byte) (micros >>> shift));
      }
    }

    private void put(byte b) {
      if (length == bytes.length) {
        bytes = Arrays.copyOf(bytes, bytes.length * 2);
      }
      bytes[length++] = b;
    }

    byte[] bytes() {
      return Arrays.copyOf(bytes, length);
    }
  }

  private static final class Unpacker {
    private final byte[] bytes;
    private int position;

    Unpacker(byte[] bytes) {
      this(bytes, 0);
    }

    Unpacker(byte[] bytes, int position) {
      this.bytes = bytes;
      this.position = position;
    }

    long number() {
      long value = 0;
      for (int shift = 0; ; shift += 7) {
        byte b = bytes[position++];
        value |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return value;
        }
      }
    }

    String string() {
      int code = (int) number();
      if (code == 0) {
        return null;
      }
      if (code <= COMMON.size()) {
        return COMMON.get(code - 1);
      }
      int size = code - 1 - COMMON.size();
      String value = new String(bytes, position, size, StandardCharsets.UTF_8);
      position += size;
      return value;
    }

    Instant instant() {
      if (number() == 0) {
        return null;
      }
      long micros = 0;
      for (int i = 0; i < 8; i++) {
        micros = (micros << 8) | (bytes[position++] & 0xFF);
      }
      return PackedMessage.instant(micros);
    }
  }
}
