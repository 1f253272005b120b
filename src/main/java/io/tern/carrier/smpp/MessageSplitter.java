package io.tern.carrier.smpp;

import io.tern.carrier.smpp.SmppOptions.DefaultCharset;
import io.tern.carrier.smpp.SmppOptions.LongMessageMethod;
import io.tern.message.text.Gsm7Alphabet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a body into the submit_sm PDUs that carry it, by the rules Tern counts segments with:
 * GSM-7 160 septets in one SMS, else 153 per part (152 with a 16-bit reference), an extension
 * character never split from its escape; UCS-2 70 UTF-16 units, else 67 per part, a surrogate
 * pair never split. So a message goes as exactly the number of segments it was counted and
 * billed as.
 */
final class MessageSplitter {
  static final int DATA_CODING_DEFAULT = 0x00;
  static final int DATA_CODING_UCS2 = 0x08;

  private final LongMessageMethod method;
  private final DefaultCharset charset;

  MessageSplitter(LongMessageMethod method, DefaultCharset charset) {
    this.method = method;
    this.charset = charset;
  }

  /**
   * @param ucs2 the send plan's encoding is UCS-2 (a body GSM-7 cannot carry is UCS-2 anyway)
   * @param reference the concatenation reference for this message, unique per destination
   */
  List<SmsPart> split(String body, boolean ucs2, int reference) {
    boolean wide = ucs2 || !Gsm7Alphabet.canEncode(body);
    int dataCoding = wide ? DATA_CODING_UCS2 : DATA_CODING_DEFAULT;
    List<String> chunks = wide ? ucs2Chunks(body) : gsmChunks(body);
    if (chunks.size() == 1) {
      return List.of(new SmsPart(encode(body, wide), dataCoding, false, false, null));
    }
    if (method == LongMessageMethod.PAYLOAD) {
      return List.of(new SmsPart(encode(body, wide), dataCoding, false, true, null));
    }
    List<SmsPart> parts = new ArrayList<>(chunks.size());
    int total = chunks.size();
    for (int i = 0; i < total; i++) {
      byte[] text = encode(chunks.get(i), wide);
      parts.add(switch (method) {
        case SAR -> new SmsPart(text, dataCoding, false, false, new SmsPart.Sar(reference & 0xFFFF, total, i + 1));
        case UDH16 -> new SmsPart(withHeader(new byte[] {6, 8, 4,
            (byte) (reference >> 8), (byte) reference, (byte) total, (byte) (i + 1)}, text), dataCoding, true, false, null);
        default -> new SmsPart(withHeader(new byte[] {5, 0, 3,
            (byte) reference, (byte) total, (byte) (i + 1)}, text), dataCoding, true, false, null);
      });
    }
    return parts;
  }

  /** How many parts a body is sent as with this splitter's method. */
  int partCount(String body, boolean ucs2) {
    return split(body, ucs2, 0).size();
  }

  private List<String> gsmChunks(String body) {
    int septets = 0;
    for (int i = 0; i < body.length(); i++) {
      septets += Gsm7Alphabet.septets(body.charAt(i));
    }
    if (septets <= 160) {
      return List.of(body);
    }
    int perPart = method == LongMessageMethod.UDH16 ? 152 : 153;
    List<String> chunks = new ArrayList<>();
    int start = 0;
    int used = 0;
    for (int i = 0; i < body.length(); i++) {
      int cost = Gsm7Alphabet.septets(body.charAt(i));
      if (used + cost > perPart) {
        chunks.add(body.substring(start, i));
        start = i;
        used = 0;
      }
      used += cost;
    }
    chunks.add(body.substring(start));
    return chunks;
  }

  private static List<String> ucs2Chunks(String body) {
    if (body.length() <= 70) {
      return List.of(body);
    }
    List<String> chunks = new ArrayList<>();
    int start = 0;
    while (start < body.length()) {
      int end = Math.min(start + 67, body.length());
      if (end < body.length() && Character.isHighSurrogate(body.charAt(end - 1))) {
        end--;
      }
      chunks.add(body.substring(start, end));
      start = end;
    }
    return chunks;
  }

  private byte[] encode(String text, boolean wide) {
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
