package io.tern.message;

import java.util.List;

/**
 * A new message asked for by a stage that comes after validation on the message path (the
 * answers to an inbound message), sent on {@code tern.message.create}. Validation answers it
 * with the committed {@link Message}, already on its way to the throttle, or with the
 * {@link ApiError} the message was refused with.
 *
 * @param messagingServiceSid the service the message is in; null for none
 * @param mediaUrls media to attach; checked like a new message's
 * @param direction what the stored message's {@code direction} says, e.g. {@code outbound-reply}
 * @param idempotencyKey the same key twice creates one message (the first one comes back)
 * @param automatic an opt-out keyword's automatic answer: not checked, since Twilio answers the
 *     recipient who just opted out, only committed and routed
 */
public record NewMessage(
    String accountSid,
    String to,
    String from,
    String messagingServiceSid,
    String body,
    List<String> mediaUrls,
    String statusCallback,
    String direction,
    String idempotencyKey,
    boolean automatic) {

  public NewMessage {
    mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
  }
}
