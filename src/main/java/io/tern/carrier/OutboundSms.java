package io.tern.carrier;

import java.util.List;

/**
 * One message as a carrier connector receives it: what the carrier needs to deliver it and
 * nothing of how Tern stores it.
 *
 * @param segments segments the carrier will bill and transmit (at least 1 for an SMS)
 * @param encoding {@code "GSM-7"} or {@code "UCS-2"} for an SMS; null for an MMS
 * @param mediaUrls the media of an MMS; empty for an SMS
 */
public record OutboundSms(
    String messageSid,
    String accountSid,
    String from,
    String to,
    String body,
    int segments,
    String encoding,
    List<String> mediaUrls) {

  public OutboundSms {
    mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
  }

  public boolean isMms() {
    return !mediaUrls.isEmpty();
  }
}
