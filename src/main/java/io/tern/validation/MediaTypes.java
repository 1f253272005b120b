package io.tern.validation;

import static java.util.Map.entry;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The media types Tern accepts for MMS, written from Twilio's list of accepted content types
 * (reference §9), each with the test the first bytes of the content must pass. Types whose
 * content has no reliable signature (plain text, raw audio, RTP payload formats) accept any
 * bytes. This is the one place the list lives.
 */
public final class MediaTypes {
  /** How many leading bytes {@link #matches} needs to see; every signature fits in them. */
  public static final int SNIFF_BYTES = 512;

  /** Twilio resizes these for handsets, so they get the larger size limit. */
  private static final Set<String> RESIZABLE_IMAGES = Set.of("image/jpeg", "image/jpg", "image/png", "image/gif");

  private static final Signature ANY = bytes -> true;
  private static final Signature JPEG = startsWith(0xFF, 0xD8, 0xFF);
  /** ISO base media files (MP4, QuickTime, 3GPP) open with a box whose type is at offset 4. */
  private static final Signature ISO_MEDIA = ascii(4, "ftyp");
  private static final Signature QUICKTIME = ISO_MEDIA.or(ascii(4, "moov")).or(ascii(4, "mdat"))
      .or(ascii(4, "wide")).or(ascii(4, "free")).or(ascii(4, "skip"));
  private static final Signature MATROSKA = startsWith(0x1A, 0x45, 0xDF, 0xA3);
  private static final Signature MPEG_AUDIO = ascii(0, "ID3")
      .or(bytes -> bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xE0) == 0xE0);
  private static final Signature AMR = ascii(0, "#!AMR");
  private static final Signature VCARD = text("BEGIN:VCARD");
  private static final Signature RTF = ascii(0, "{\\rtf");

  private static final Map<String, Signature> ACCEPTED = Map.ofEntries(
      entry("image/jpeg", JPEG),
      entry("image/jpg", JPEG),
      entry("image/png", startsWith(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)),
      entry("image/gif", ascii(0, "GIF8")),
      entry("image/bmp", ascii(0, "BM")),
      entry("image/tiff", startsWith(0x49, 0x49, 0x2A, 0x00).or(startsWith(0x4D, 0x4D, 0x00, 0x2A))),
      entry("image/webp", ascii(0, "RIFF").and(ascii(8, "WEBP"))),

      entry("audio/basic", ANY),
      entry("audio/l24", ANY),
      entry("audio/mp4", ISO_MEDIA),
      entry("audio/mpeg", MPEG_AUDIO),
      entry("audio/ogg", ascii(0, "OggS")),
      entry("audio/3gpp", ISO_MEDIA),
      entry("audio/3gpp2", ISO_MEDIA),
      entry("audio/ac3", startsWith(0x0B, 0x77)),
      entry("audio/webm", MATROSKA),
      entry("audio/amr-nb", AMR),
      entry("audio/amr", AMR),

      entry("video/mpeg", startsWith(0x00, 0x00, 0x01, 0xBA).or(startsWith(0x00, 0x00, 0x01, 0xB3))),
      entry("video/mp4", ISO_MEDIA),
      entry("video/quicktime", QUICKTIME),
      entry("video/webm", MATROSKA),
      entry("video/3gpp", ISO_MEDIA),
      entry("video/3gpp2", ISO_MEDIA),
      entry("video/3gpp-tt", ANY),
      entry("video/h261", ANY),
      entry("video/h263", ANY),
      entry("video/h263-1998", ANY),
      entry("video/h263-2000", ANY),
      entry("video/h264", ANY),

      entry("text/vcard", VCARD),
      entry("text/x-vcard", VCARD),
      entry("text/calendar", text("BEGIN:VCALENDAR")),
      entry("text/csv", ANY),
      entry("text/rtf", RTF),
      entry("text/richtext", ANY),
      entry("text/plain", ANY),
      entry("application/pdf", ascii(0, "%PDF")),
      entry("application/vcard", VCARD),
      entry("application/rtf", RTF));

  private MediaTypes() {}

  /** "Image/PNG; charset=x" → "image/png": the form every other method here expects. */
  public static String normalize(String contentType) {
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.strip().toLowerCase(Locale.ROOT);
  }

  public static boolean isAccepted(String mediaType) {
    return ACCEPTED.containsKey(mediaType);
  }

  public static boolean isResizableImage(String mediaType) {
    return RESIZABLE_IMAGES.contains(mediaType);
  }

  /** Every accepted media type, for documentation and error messages. */
  public static Set<String> accepted() {
    return ACCEPTED.keySet();
  }

  /**
   * Whether {@code firstBytes} (the start of the content, up to {@link #SNIFF_BYTES}) can be
   * {@code mediaType}; content too short to hold the signature cannot.
   */
  public static boolean matches(String mediaType, byte[] firstBytes) {
    Signature signature = ACCEPTED.get(mediaType);
    return signature != null && signature.test(firstBytes);
  }

  @FunctionalInterface
  private interface Signature {
    boolean test(byte[] bytes);

    default Signature or(Signature other) {
      return bytes -> test(bytes) || other.test(bytes);
    }

    default Signature and(Signature other) {
      return bytes -> test(bytes) && other.test(bytes);
    }
  }

  private static Signature startsWith(int... expected) {
    return bytes -> {
      if (bytes.length < expected.length) {
        return false;
      }
      for (int i = 0; i < expected.length; i++) {
        if ((bytes[i] & 0xFF) != expected[i]) {
          return false;
        }
      }
      return true;
    };
  }

  private static Signature ascii(int offset, String expected) {
    byte[] wanted = expected.getBytes(StandardCharsets.US_ASCII);
    return bytes -> bytes.length >= offset + wanted.length
        && Arrays.equals(bytes, offset, offset + wanted.length, wanted, 0, wanted.length);
  }

  /** Text formats that must open with a keyword, after an optional byte-order mark and blank space. */
  private static Signature text(String keyword) {
    return bytes -> {
      String start = new String(bytes, StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "").stripLeading();
      return start.regionMatches(true, 0, keyword, 0, keyword.length());
    };
  }
}
