package io.tern.inbound;

import io.tern.message.Media;
import io.tern.message.Message;
import io.tern.message.ParsedNumber;
import io.tern.message.PhoneNumbers;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parameters of an inbound message's webhook, exactly Twilio's. Geographic fields Tern does
 * not know are sent empty (and signed), the countries come from the numbers.
 */
public final class WebhookParameters {
  public static final String API_VERSION = "2010-04-01";

  private WebhookParameters() {}

  /** @param optOutType the keyword the message was ({@code STOP}, ...), or null */
  public static Map<String, String> of(Message message, String optOutType) {
    Map<String, String> params = new TreeMap<>();
    params.put("MessageSid", message.sid());
    params.put("SmsSid", message.sid());
    params.put("SmsMessageSid", message.sid());
    params.put("AccountSid", message.accountSid());
    if (message.messagingServiceSid() != null) {
      params.put("MessagingServiceSid", message.messagingServiceSid());
    }
    params.put("From", message.from());
    params.put("To", message.to());
    params.put("Body", message.body() == null ? "" : message.body());
    params.put("NumMedia", Integer.toString(message.numMedia()));
    params.put("NumSegments", Integer.toString(message.numSegments()));
    for (int i = 0; i < message.media().size(); i++) {
      Media media = message.media().get(i);
      params.put("MediaUrl" + i, media.url());
      params.put("MediaContentType" + i, media.contentType() == null ? "" : media.contentType());
    }
    params.put("SmsStatus", "received");
    params.put("ApiVersion", API_VERSION);
    geography(params, "From", message.from());
    geography(params, "To", message.to());
    if (optOutType != null) {
      params.put("OptOutType", optOutType);
    }
    return params;
  }

  private static void geography(Map<String, String> params, String side, String number) {
    params.put(side + "City", "");
    params.put(side + "State", "");
    params.put(side + "Zip", "");
    params.put(side + "Country", PhoneNumbers.parseE164(number).map(ParsedNumber::regionCode).orElse(""));
  }
}
