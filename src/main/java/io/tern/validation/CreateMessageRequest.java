package io.tern.validation;

import io.tern.store.Account;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of one "create message" request as they arrived, with the account it is for.
 * The ingress validates it on its own event loop ({@link ValidationStage}).
 */
public record CreateMessageRequest(
    Account account,
    String to,
    String from,
    String messagingServiceSid,
    String body,
    List<String> mediaUrls,
    String statusCallback,
    String validityPeriod,
    String scheduleType,
    String sendAt,
    boolean smartEncoded,
    boolean sendAsMms) {

  public CreateMessageRequest {
    mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
  }

  /** Reads Twilio's form parameters; repeated {@code MediaUrl} keys give the media list. */
  public static CreateMessageRequest fromForm(Account account, MultiMap form) {
    return new CreateMessageRequest(
        account,
        blankToNull(form.get("To")),
        blankToNull(form.get("From")),
        blankToNull(form.get("MessagingServiceSid")),
        form.get("Body"),
        mediaUrls(form),
        blankToNull(form.get("StatusCallback")),
        blankToNull(form.get("ValidityPeriod")),
        blankToNull(form.get("ScheduleType")),
        blankToNull(form.get("SendAt")),
        Boolean.parseBoolean(form.get("SmartEncoded")),
        Boolean.parseBoolean(form.get("SendAsMms")));
  }

  public boolean hasBody() {
    return body != null && !body.isEmpty();
  }

  public boolean hasMedia() {
    return !mediaUrls.isEmpty();
  }

  /** The MediaUrl values that are not blank, in order. Read for every message; most have none. */
  private static List<String> mediaUrls(MultiMap form) {
    List<String> given = form.getAll("MediaUrl");
    if (given.isEmpty()) {
      return List.of();
    }
    List<String> urls = new ArrayList<>(given.size());
    for (String url : given) {
      if (!url.isBlank()) {
        urls.add(url);
      }
    }
    return urls;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
