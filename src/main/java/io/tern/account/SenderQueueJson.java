package io.tern.account;

import io.tern.throttle.SenderQueueReport;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A sender's queue (Tern's extension, no Twilio resource) in the style of Twilio's 2010 JSON:
 * snake_case keys, counts as numbers.
 */
public final class SenderQueueJson {
  private SenderQueueJson() {}

  /** The extension's path; the {@code Tern} segment keeps it clear of any Twilio resource. */
  public static String uri(String accountSid, String sender) {
    // A path segment: a space is %20 and '+' is kept apart from it as %2B.
    String segment = URLEncoder.encode(sender, StandardCharsets.UTF_8).replace("+", "%20");
    return AccountJson.path(accountSid) + "/Tern/Senders/" + segment + "/Queue.json";
  }

  public static JsonObject render(String accountSid, SenderQueueReport report) {
    return new JsonObject()
        .put("account_sid", accountSid)
        .put("sender", report.sender())
        .put("sender_type", report.kind().name().toLowerCase(Locale.ROOT))
        .put("queued_messages", report.depth().queuedMessages())
        .put("queued_segments", report.depth().queuedSegments())
        .put("sending_messages", report.depth().sendingMessages())
        .put("segments_per_second", report.rate())
        .put("max_queued_segments", report.capSegments())
        .put("estimated_drain_seconds", report.drainSeconds())
        .put("uri", uri(accountSid, report.sender()));
  }
}
