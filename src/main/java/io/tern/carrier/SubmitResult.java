package io.tern.carrier;

import io.tern.message.DeliveryError;
import io.tern.message.MessageStatus;
import java.util.Objects;

/**
 * The carrier's answer to a submission: accepted (the message is {@code sent}, with the
 * carrier's own id for it) or rejected (the message has {@code failed}, with a Twilio error).
 */
public record SubmitResult(
    boolean accepted, String carrierMessageId, Integer errorCode, String errorMessage) {

  public SubmitResult {
    if (accepted) {
      Objects.requireNonNull(carrierMessageId, "an accepted message has a carrier message id");
      if (errorCode != null || errorMessage != null) {
        throw new IllegalArgumentException("an accepted message has no error");
      }
    } else {
      Objects.requireNonNull(errorCode, "a rejected message has an error code");
      Objects.requireNonNull(errorMessage, "a rejected message has an error message");
    }
  }

  public static SubmitResult sent(String carrierMessageId) {
    return new SubmitResult(true, carrierMessageId, null, null);
  }

  public static SubmitResult failed(int errorCode, String errorMessage) {
    return new SubmitResult(false, null, errorCode, errorMessage);
  }

  public static SubmitResult failed(DeliveryError error) {
    return failed(error.code(), error.message());
  }

  /** The status the message takes: {@code sent} or {@code failed}. */
  public MessageStatus status() {
    return accepted ? MessageStatus.SENT : MessageStatus.FAILED;
  }
}
