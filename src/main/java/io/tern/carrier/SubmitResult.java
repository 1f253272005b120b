package io.tern.carrier;

import io.tern.message.MessageStatus;
import io.tern.message.TwilioError;
import java.util.List;
import java.util.Objects;

/**
 * The carrier's answer to a submission: accepted (the message is {@code sent}, with the
 * carrier's own id for each part it was sent as, in part order) or rejected (the message has
 * {@code failed}, with a Twilio error).
 */
public record SubmitResult(
    boolean accepted, List<String> carrierMessageIds, Integer errorCode, String errorMessage) {

  public SubmitResult {
    carrierMessageIds = carrierMessageIds == null ? List.of() : List.copyOf(carrierMessageIds);
    if (accepted) {
      if (carrierMessageIds.isEmpty()) {
        throw new IllegalArgumentException("an accepted message has a carrier message id");
      }
      if (errorCode != null || errorMessage != null) {
        throw new IllegalArgumentException("an accepted message has no error");
      }
    } else {
      Objects.requireNonNull(errorCode, "a rejected message has an error code");
      Objects.requireNonNull(errorMessage, "a rejected message has an error message");
    }
  }

  public static SubmitResult sent(String carrierMessageId) {
    return new SubmitResult(true, List.of(carrierMessageId), null, null);
  }

  /** Accepted as several parts, each with the carrier's id (in part order). */
  public static SubmitResult sent(List<String> partIds) {
    return new SubmitResult(true, partIds, null, null);
  }

  public static SubmitResult failed(int errorCode, String errorMessage) {
    return new SubmitResult(false, List.of(), errorCode, errorMessage);
  }

  public static SubmitResult failed(TwilioError error) {
    return failed(error.code(), error.with().getMessage());
  }

  /** The carrier's id of the message (of its first part): what the API and callbacks show. */
  public String carrierMessageId() {
    return carrierMessageIds.isEmpty() ? null : carrierMessageIds.get(0);
  }

  /** The status the message takes: {@code sent} or {@code failed}. */
  public MessageStatus status() {
    return accepted ? MessageStatus.SENT : MessageStatus.FAILED;
  }
}
