package io.tern.carrier;

import io.tern.message.Media;
import io.tern.message.Message;
import io.tern.message.SendPlan;
import io.tern.message.text.Encoding;
import java.util.List;

/**
 * One message as a carrier connector receives it: what the carrier needs to deliver it and
 * nothing of how Tern stores it. Its text, encoding and segments are the message's
 * {@link SendPlan}, so the carrier sends exactly what was counted and charged; a connector that
 * needs the parts cuts {@code text} with {@link io.tern.message.text.TextParts}.
 *
 * @param text what the recipient reads; for an MMS sent as SMS, the body and its media links
 * @param segments segments the carrier will bill and transmit (at least 1)
 * @param encoding GSM-7 or UCS-2 for an SMS; null for an MMS
 * @param mediaUrls the media of an MMS; empty for an SMS, a converted MMS included
 */
public record OutboundSms(
    String messageSid,
    String accountSid,
    String from,
    String to,
    String text,
    int segments,
    Encoding encoding,
    List<String> mediaUrls) {

  public OutboundSms {
    mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
  }

  /** The message as its send plan says it goes out. */
  public static OutboundSms of(Message message) {
    SendPlan plan = message.sendPlan();
    List<String> media = plan.mms() ? message.media().stream().map(Media::url).toList() : List.of();
    return new OutboundSms(message.sid(), message.accountSid(), message.from(), message.to(),
        plan.text(), plan.segments(), plan.encoding(), media);
  }

  public boolean isMms() {
    return !mediaUrls.isEmpty();
  }
}
