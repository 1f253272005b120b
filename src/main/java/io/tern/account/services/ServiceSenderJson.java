package io.tern.account.services;

import io.tern.api.TwilioDates;
import io.tern.store.ServiceSender;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A sender of a Messaging Service's pool in Twilio's v1 JSON
 * ({@code messaging.v1.service.phone_number}, {@code .short_code}, {@code .alpha_sender}).
 * Capabilities are an array of names here, unlike IncomingPhoneNumber's object of booleans.
 */
public final class ServiceSenderJson {
  private ServiceSenderJson() {}

  /**
   * @param baseUrl scheme and host clients reach Tern at, without a trailing slash
   */
  public static JsonObject render(ServiceSender sender, String baseUrl) {
    SenderResource resource = SenderResource.of(sender.kind());
    JsonObject json = new JsonObject()
        .put("sid", sender.sid())
        .put("account_sid", sender.accountSid())
        .put("service_sid", sender.serviceSid())
        .put("date_created", TwilioDates.iso(sender.dateCreated()))
        .put("date_updated", TwilioDates.iso(sender.dateUpdated()))
        .put(resource.valueField(), sender.value());
    if (resource != SenderResource.ALPHA_SENDERS) {
      // The alpha sender schema has no country: the ID is not tied to one.
      json.put("country_code", sender.countryCode());
    }
    return json
        .put("capabilities", new JsonArray(resource.capabilities()))
        .put("url", baseUrl + resource.listPath(sender.serviceSid()) + "/" + sender.sid());
  }
}
