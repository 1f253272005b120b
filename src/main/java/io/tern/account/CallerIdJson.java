package io.tern.account;

import io.tern.api.TwilioDates;
import io.tern.store.CallerId;
import io.vertx.core.json.JsonObject;

/**
 * Verified caller IDs in Twilio's 2010 JSON: the OutgoingCallerId resource (spec
 * {@code api.v2010.account.outgoing_caller_id}) and the ValidationRequest that creating one
 * answers with (spec {@code api.v2010.account.validation_request}).
 */
public final class CallerIdJson {
  /**
   * Tern verifies a number as soon as it is registered, so no one ever types a code in; the
   * field still carries six digits because SDKs and applications expect that shape.
   */
  static final String VALIDATION_CODE = "000000";

  private CallerIdJson() {}

  public static String listPath(String accountSid) {
    return AccountJson.path(accountSid) + "/OutgoingCallerIds";
  }

  public static String uri(String accountSid, String sid) {
    return listPath(accountSid) + "/" + sid + ".json";
  }

  public static JsonObject render(CallerId callerId) {
    return new JsonObject()
        .put("sid", callerId.sid())
        .put("date_created", TwilioDates.rfc2822(callerId.dateCreated()))
        .put("date_updated", TwilioDates.rfc2822(callerId.dateCreated()))
        .put("friendly_name", callerId.friendlyName())
        .put("account_sid", callerId.accountSid())
        .put("phone_number", callerId.phoneNumber())
        .put("uri", uri(callerId.accountSid(), callerId.sid()));
  }

  /** The answer to a create: no verification call is placed, so {@code call_sid} is null. */
  public static JsonObject renderValidationRequest(CallerId callerId) {
    return new JsonObject()
        .put("account_sid", callerId.accountSid())
        .putNull("call_sid")
        .put("friendly_name", callerId.friendlyName())
        .put("phone_number", callerId.phoneNumber())
        .put("validation_code", VALIDATION_CODE);
  }
}
