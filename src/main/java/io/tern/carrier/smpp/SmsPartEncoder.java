package io.tern.carrier.smpp;

import io.tern.carrier.smpp.SmppOptions.DefaultCharset;
import io.tern.carrier.smpp.SmppOptions.LongMessageMethod;
import io.tern.message.text.Encoding;
import io.tern.message.text.Gsm7Alphabet;
import io.tern.message.text.TextParts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a body into the submit_sm PDUs that carry it. Where the text is cut is
 * {@link TextParts}'s rule, the one Tern counts segments by, so a message goes as the segments
 * it was counted and billed as; this class adds only what is SMPP's: the bytes for
 * {@code data_coding} 0 or 8, and the concatenation header (8- or 16-bit UDH), SAR TLVs or one
 * {@code message_payload}.
 */
final class SmsPartEncoder {
  static final int DATA_CODING_DEFAULT = 0x00;
  static final int DATA_CODING_UCS2 = 0x08;
  // A 16-bit reference makes the UDH 7 octets, one more than the 6 a segment count assumes.
  private static final int UDH16_GSM7_SEPTETS = 152;
  private static final int UDH16_UCS2_UNITS = 66;

  private final LongMessageMethod method;
  private final DefaultCharset charset;

  SmsPartEncoder(LongMessageMethod method, DefaultCharset charset) {
    this.method = method;
    this.charset = charset;
  }

  /**
   * @param ucs2 the send plan's encoding is UCS-2 (a body GSM-7 cannot carry is UCS-2 anyway)
   * @param reference the concatenation reference for this message, unique per destination
   */
  List<SmsPart> encode(String body, boolean ucs2, int reference) {
    String text = body == null ? "" : body;
    Encoding encoding = ucs2 || !Gsm7Alphabet.canEncode(text) ? Encoding.UCS2 : Encoding.GSM7;
    boolean wide = encoding == Encoding.UCS2;
    int dataCoding = wide ? DATA_CODING_UCS2 : DATA_CODING_DEFAULT;
    List<String> chunks = method == LongMessageMethod.UDH16
        ? TextParts.split(text, encoding, wide ? UDH16_UCS2_UNITS : UDH16_GSM7_SEPTETS)
        : TextParts.split(text, encoding);
    if (chunks.size() == 1) {
      return List.of(new SmsPart(bytes(text, wide), dataCoding, false, false, null));
    }
    if (method == LongMessageMethod.PAYLOAD) {
      return List.of(new SmsPart(bytes(text, wide), dataCoding, false, true, null));
    }
    int total = chunks.size();
    List<SmsPart> parts = new ArrayList<>(total);
    for (int i = 0; i < total; i++) {
      byte[] chunk = bytes(chunks.get(i), wide);
      parts.add(switch (method) {
        case SAR -> new SmsPart(chunk, dataCoding, false, false, new SmsPart.Sar(reference & 0xFFFF, total, i + 1));
        case UDH16 -> new SmsPart(withHeader(new byte[] {6, 8, 4,
            (byte) (reference >> 8), (byte) reference, (byte) total, (byte) (i + 1)}, chunk), dataCoding, true, false, null);
        default -> new SmsPart(withHeader(new byte[] {5, 0, 3,
            (byte) reference, (byte) total, (byte) (i + 1)}, chunk), dataCoding, true, false, null);
      });
    }
    return parts;
  }

  private byte[] bytes(String text, boolean wide) {
    if (wide) {
      return text.getBytes(StandardCharsets.UTF_16BE);
    }
    return switch (charset) {
      case GSM7 -> Gsm7Codec.encode(text);
      case LATIN1 -> text.getBytes(StandardCharsets.ISO_8859_1);
      case ASCII -> text.getBytes(StandardCharsets.US_ASCII);
    };
  }

  private static byte[] withHeader(byte[] header, byte[] text) {
    byte[] bytes = new byte[header.length + text.length];
    System.arraycopy(header, 0, bytes, 0, header.length);
    System.arraycopy(text, 0, bytes, header.length, text.length);
    return bytes;
  }
}
