package io.tern.account;

import io.tern.api.TwilioDates;
import io.tern.store.PhoneNumber;
import io.vertx.core.json.JsonObject;

/**
 * Registered numbers in Twilio's 2010 JSON (spec {@code api.v2010.account.incoming_phone_number}):
 * every field, nulls explicit. Tern only sends messages, so a number is SMS and MMS capable and
 * has no voice, fax, emergency, address or bundle settings; it is "hosted" because the account
 * brought it rather than bought it from Tern.
 */
public final class PhoneNumberJson {
  static final String API_VERSION = "2010-04-01";
  private static final String DEFAULT_METHOD = "POST";

  private PhoneNumberJson() {}

  public static String listPath(String accountSid) {
    return AccountJson.path(accountSid) + "/IncomingPhoneNumbers";
  }

  public static String uri(String accountSid, String sid) {
    return listPath(accountSid) + "/" + sid + ".json";
  }

  public static JsonObject render(PhoneNumber number) {
    return new JsonObject()
        .put("account_sid", number.accountSid())
        .putNull("address_sid")
        .put("address_requirements", "none")
        .put("api_version", API_VERSION)
        .put("beta", false)
        .put("capabilities", new JsonObject()
            .put("voice", false)
            .put("sms", true)
            .put("mms", true)
            .put("fax", false))
        .put("date_created", TwilioDates.rfc2822(number.dateCreated()))
        .put("date_updated", TwilioDates.rfc2822(number.dateUpdated()))
        .put("friendly_name", number.friendlyName())
        .putNull("identity_sid")
        .put("phone_number", number.phoneNumber())
        .put("origin", "hosted")
        .put("sid", number.sid())
        .putNull("sms_application_sid")
        .put("sms_fallback_method", number.smsFallbackMethod())
        .put("sms_fallback_url", number.smsFallbackUrl())
        .put("sms_method", number.smsMethod())
        .put("sms_url", number.smsUrl())
        .put("status_callback", number.statusCallback())
        .put("status_callback_method", DEFAULT_METHOD)
        .putNull("trunk_sid")
        .put("uri", uri(number.accountSid(), number.sid()))
        .putNull("voice_receive_mode")
        .putNull("voice_application_sid")
        .put("voice_caller_id_lookup", false)
        .put("voice_fallback_method", DEFAULT_METHOD)
        .putNull("voice_fallback_url")
        .put("voice_method", DEFAULT_METHOD)
        .putNull("voice_url")
        .put("emergency_status", "Inactive")
        .putNull("emergency_address_sid")
        .put("emergency_address_status", "unregistered")
        .putNull("bundle_sid")
        .put("status", "in-use")
        .put("type", NumberDescription.type(number.phoneNumber()));
  }
}
