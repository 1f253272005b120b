package io.tern.message;

import io.vertx.core.json.JsonObject;

/**
 * A Twilio error on its way to the client. It is an exception so a failed {@code Future} can
 * carry it; it records no stack trace because it is an answer, not a bug.
 */
public final class ApiError extends RuntimeException {
  private final TwilioError error;

  public ApiError(TwilioError error, String message) {
    super(message, null, false, false);
    this.error = error;
  }

  public TwilioError error() {
    return error;
  }

  public int code() {
    return error.code();
  }

  public int httpStatus() {
    return error.httpStatus();
  }

  /** Twilio's error body: always all four keys (reference §5.1). */
  public JsonObject toJson() {
    return new JsonObject()
        .put("code", error.code())
        .put("message", getMessage())
        .put("more_info", error.moreInfo())
        .put("status", error.httpStatus());
  }
}
