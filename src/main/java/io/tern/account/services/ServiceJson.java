package io.tern.account.services;

import io.tern.api.TwilioDates;
import io.tern.store.MessagingService;
import io.vertx.core.json.JsonObject;

/**
 * A Messaging Service in Twilio's v1 JSON ({@code messaging.v1.service}): every field of the
 * spec, absolute {@code url} and {@code links}, ISO 8601 dates.
 */
public final class ServiceJson {
  public static final String SERVICES_PATH = "/v1/Services";

  private ServiceJson() {}

  /** {@code /v1/Services/MG…}, relative to the public base URL. */
  public static String path(String serviceSid) {
    return SERVICES_PATH + "/" + serviceSid;
  }

  /**
   * @param baseUrl scheme and host clients reach Tern at, without a trailing slash
   */
  public static JsonObject render(MessagingService service, String baseUrl) {
    String url = baseUrl + path(service.sid());
    return new JsonObject()
        .put("account_sid", service.accountSid())
        .put("sid", service.sid())
        .put("date_created", TwilioDates.iso(service.dateCreated()))
        .put("date_updated", TwilioDates.iso(service.dateUpdated()))
        .put("friendly_name", service.friendlyName())
        .put("inbound_request_url", service.inboundRequestUrl())
        .put("inbound_method", service.inboundMethod())
        .put("fallback_url", service.fallbackUrl())
        .put("fallback_method", service.fallbackMethod())
        .put("status_callback", service.statusCallback())
        .put("sticky_sender", service.stickySender())
        .put("smart_encoding", service.smartEncoding())
        .put("mms_converter", service.mmsConverter())
        .put("fallback_to_long_code", service.fallbackToLongCode())
        .put("scan_message_content", service.scanMessageContent())
        .put("area_code_geomatch", service.areaCodeGeomatch())
        .put("validity_period", service.validityPeriod())
        .put("synchronous_validation", service.synchronousValidation())
        .put("usecase", service.usecase())
        // Tern has no A2P 10DLC registry: no campaign is ever registered.
        .put("us_app_to_person_registered", false)
        .put("use_inbound_webhook_on_number", service.useInboundWebhookOnNumber())
        .put("links", links(url))
        .put("url", url);
  }

  /**
   * The eight links Twilio gives. Tern serves the three sender pools; the others are linked
   * as Twilio links them so SDK objects built from this JSON have every property.
   */
  private static JsonObject links(String url) {
    return new JsonObject()
        .put("phone_numbers", url + "/" + SenderResource.PHONE_NUMBERS.pathSegment())
        .put("short_codes", url + "/" + SenderResource.SHORT_CODES.pathSegment())
        .put("alpha_senders", url + "/" + SenderResource.ALPHA_SENDERS.pathSegment())
        .put("messages", url + "/Messages")
        .put("us_app_to_person", url + "/Compliance/Usa2p")
        .put("us_app_to_person_usecases", url + "/Compliance/Usa2p/Usecases")
        .put("channel_senders", url + "/ChannelSenders")
        .put("destination_alpha_senders", url + "/DestinationAlphaSenders");
  }
}
