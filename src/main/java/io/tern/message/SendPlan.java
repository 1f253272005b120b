package io.tern.message;

import io.tern.message.text.Encoding;
import io.tern.message.text.OutgoingText;
import io.tern.message.text.SegmentCounter;
import io.tern.message.text.Segmentation;
import java.util.List;
import java.util.Objects;

/**
 * How one message goes out, worked out once when it is accepted and stored with it: the exact
 * text the carrier receives, its encoding, the segments it is charged and sent as, and whether it
 * travels as MMS. Validation makes it, the throttle charges its segments, the carrier sends its
 * text; nothing downstream counts again, so what the API reports is what is sent.
 *
 * @param text what the recipient reads: the stored body (already smart-encoded and
 *     trial-prefixed) and, for media sent as SMS, a link to each medium
 * @param encoding GSM-7 or UCS-2 for an SMS; null for an MMS, which has no SMS encoding
 * @param segments SMS parts of {@code text}; 1 for an MMS
 * @param mms true when the media travel as MMS; false for an SMS, including an MMS converted to
 *     SMS (whose links are then in {@code text})
 */
public record SendPlan(String text, Encoding encoding, int segments, boolean mms) {

  public SendPlan {
    Objects.requireNonNull(text, "text");
    if (mms != (encoding == null)) {
      throw new IllegalArgumentException("An SMS has an encoding and an MMS has none");
    }
    if (segments < 1) {
      throw new IllegalArgumentException("A message is at least one segment: " + segments);
    }
  }

  /**
   * The plan of a body with its media: as MMS the body alone (the media travel with it), as SMS
   * the body with a link per medium, counted.
   *
   * @param body the body as stored (see {@link OutgoingText#body})
   */
  public static SendPlan of(String body, List<String> mediaUrls, boolean mms) {
    if (mms) {
      return new SendPlan(body == null ? "" : body, null, 1, true);
    }
    String text = OutgoingText.withMediaLinks(body, mediaUrls);
    Segmentation segmentation = SegmentCounter.count(text);
    return new SendPlan(text, segmentation.encoding(), segmentation.segments(), false);
  }

  /**
   * A plan read back from a store, which keeps the body, media, encoding and segments but not
   * the text a second time: the text is rebuilt from the body and media as {@link #of} built it.
   */
  public static SendPlan stored(String body, List<String> mediaUrls, boolean mms,
      Encoding encoding, int segments) {
    String text = mms ? (body == null ? "" : body) : OutgoingText.withMediaLinks(body, mediaUrls);
    return new SendPlan(text, encoding, segments, mms);
  }

  /** The encoding as Twilio names it in {@code encoding} ("GSM-7", "UCS-2"); null for an MMS. */
  public String encodingName() {
    return encoding == null ? null : encoding.wireName();
  }
}
