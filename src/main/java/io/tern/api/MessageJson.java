package io.tern.api;

import io.tern.store.Feedback;
import io.tern.store.Media;
import io.tern.store.Message;
import io.vertx.core.json.JsonObject;

/** Messages, their media and feedback in Twilio's 2010 JSON: every field, nulls explicit. */
public final class MessageJson {
  public static final String API_VERSION = "2010-04-01";

  private MessageJson() {}

  public static String messagesPath(String accountSid) {
    return "/2010-04-01/Accounts/" + accountSid + "/Messages";
  }

  public static String uri(Message message) {
    return messagesPath(message.accountSid()) + "/" + message.sid() + ".json";
  }

  public static JsonObject render(Message message) {
    String base = messagesPath(message.accountSid()) + "/" + message.sid();
    return new JsonObject()
        .put("account_sid", message.accountSid())
        .put("api_version", API_VERSION)
        .put("body", message.body())
        .put("date_created", TwilioDates.rfc2822(message.dateCreated()))
        .put("date_sent", TwilioDates.rfc2822(message.dateSent()))
        .put("date_updated", TwilioDates.rfc2822(message.dateUpdated()))
        .put("direction", message.direction())
        .put("error_code", message.errorCode())
        .put("error_message", message.errorMessage())
        .put("from", message.from())
        .put("messaging_service_sid", message.messagingServiceSid())
        .put("num_media", Integer.toString(message.numMedia()))
        .put("num_segments", Integer.toString(message.numSegments()))
        .put("price", message.price())
        .put("price_unit", message.priceUnit())
        .put("sid", message.sid())
        .put("status", message.status().wire())
        .put("subresource_uris", new JsonObject()
            .put("media", base + "/Media.json")
            .put("feedback", base + "/Feedback.json"))
        .put("to", message.to())
        .put("uri", base + ".json");
  }

  public static JsonObject render(Media media) {
    return new JsonObject()
        .put("account_sid", media.accountSid())
        .put("content_type", media.contentType())
        .put("date_created", TwilioDates.rfc2822(media.dateCreated()))
        .put("date_updated", TwilioDates.rfc2822(media.dateCreated()))
        .put("parent_sid", media.parentSid())
        .put("sid", media.sid())
        .put("uri", messagesPath(media.accountSid()) + "/" + media.parentSid() + "/Media/"
            + media.sid() + ".json");
  }

  public static JsonObject render(Feedback feedback) {
    return new JsonObject()
        .put("account_sid", feedback.accountSid())
        .put("message_sid", feedback.messageSid())
        .put("outcome", feedback.outcome())
        .put("date_created", TwilioDates.rfc2822(feedback.dateCreated()))
        .put("date_updated", TwilioDates.rfc2822(feedback.dateUpdated()))
        .put("uri", messagesPath(feedback.accountSid()) + "/" + feedback.messageSid()
            + "/Feedback.json");
  }
}
