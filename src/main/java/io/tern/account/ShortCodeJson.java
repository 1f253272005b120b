package io.tern.account;

import io.tern.api.TwilioDates;
import io.tern.store.ShortCode;
import io.vertx.core.json.JsonObject;

/** Short codes in Twilio's 2010 JSON (spec {@code api.v2010.account.short_code}), nulls explicit. */
public final class ShortCodeJson {
  private static final String DEFAULT_METHOD = "POST";

  private ShortCodeJson() {}

  public static String listPath(String accountSid) {
    return AccountJson.path(accountSid) + "/SMS/ShortCodes";
  }

  public static String uri(String accountSid, String sid) {
    return listPath(accountSid) + "/" + sid + ".json";
  }

  public static JsonObject render(ShortCode shortCode) {
    return new JsonObject()
        .put("account_sid", shortCode.accountSid())
        .put("api_version", PhoneNumberJson.API_VERSION)
        .put("date_created", TwilioDates.rfc2822(shortCode.dateCreated()))
        .put("date_updated", TwilioDates.rfc2822(shortCode.dateUpdated()))
        .put("friendly_name", shortCode.friendlyName())
        .put("short_code", shortCode.shortCode())
        .put("sid", shortCode.sid())
        .put("sms_fallback_method", DEFAULT_METHOD)
        .putNull("sms_fallback_url")
        .put("sms_method", DEFAULT_METHOD)
        .putNull("sms_url")
        .put("uri", uri(shortCode.accountSid(), shortCode.sid()));
  }
}
