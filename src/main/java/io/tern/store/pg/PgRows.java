package io.tern.store.pg;

import io.tern.store.Account;
import io.tern.store.CallbackAttempt;
import io.tern.store.CallerId;
import io.tern.store.Feedback;
import io.tern.message.Media;
import io.tern.message.SendPlan;
import io.tern.message.text.Encoding;
import io.tern.message.Message;
import io.tern.message.MessageStatus;
import io.tern.store.MessagingService;
import io.tern.store.PendingCallback;
import io.tern.store.PhoneNumber;
import io.tern.store.ServiceSender;
import io.tern.store.ShortCode;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Conversions between rows and records, and between Instant and timestamptz. */
final class PgRows {
  private PgRows() {}

  /** Instants travel as UTC OffsetDateTime, the client's type for timestamptz. */
  static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }

  private static Instant instant(Row row, String column) {
    return instant(row.getOffsetDateTime(column));
  }

  static Message message(Row row) {
    String sid = row.getString("sid");
    String accountSid = row.getString("account_sid");
    List<Media> media = new ArrayList<>();
    String[] mediaSids = row.getArrayOfStrings("media_sids");
    if (mediaSids != null) {
      String[] urls = row.getArrayOfStrings("media_urls");
      String[] types = row.getArrayOfStrings("media_types");
      OffsetDateTime[] dates = row.getArrayOfOffsetDateTimes("media_dates");
      for (int i = 0; i < mediaSids.length; i++) {
        media.add(new Media(mediaSids[i], accountSid, sid, urls[i], types[i], instant(dates[i])));
      }
    }
    return Message.builder()
        .sid(sid)
        .accountSid(accountSid)
        .to(row.getString("to_address"))
        .from(row.getString("from_address"))
        .messagingServiceSid(row.getString("messaging_service_sid"))
        .body(row.getString("body"))
        .status(MessageStatus.fromWire(row.getString("status")))
        .direction(row.getString("direction"))
        .numSegments(row.getInteger("num_segments"))
        .encoding(row.getString("encoding"))
        .media(media)
        .errorCode(row.getInteger("error_code"))
        .errorMessage(row.getString("error_message"))
        .price(row.getString("price"))
        .priceUnit(row.getString("price_unit"))
        .statusCallback(row.getString("status_callback"))
        .validityPeriod(row.getInteger("validity_period"))
        .sendAt(instant(row, "send_at"))
        .dateCreated(instant(row, "date_created"))
        .dateUpdated(instant(row, "date_updated"))
        .dateSent(instant(row, "date_sent"))
        .sendPlan(sendPlan(row, media))
        .build();
  }

  /** The stored plan; null for a row written before plans were stored (the record plans it). */
  private static SendPlan sendPlan(Row row, List<Media> media) {
    Integer segments = row.getInteger("plan_segments");
    if (segments == null) {
      return null;
    }
    return SendPlan.stored(row.getString("body"), media.stream().map(Media::url).toList(),
        row.getBoolean("plan_mms"), Encoding.fromWireName(row.getString("plan_encoding")), segments);
  }

  static PendingCallback pendingCallback(Row row) {
    JsonObject json = (JsonObject) row.getValue("params");
    Map<String, String> params = new HashMap<>();
    json.forEach(entry -> params.put(entry.getKey(), String.valueOf(entry.getValue())));
    return new PendingCallback(row.getLong("id"), row.getString("message_sid"),
        row.getString("account_sid"), row.getString("url"),
        MessageStatus.fromWire(row.getString("status")), row.getInteger("sequence"), params,
        row.getString("idempotency_token"), row.getInteger("attempts"),
        instant(row, "next_attempt_at"), instant(row, "created_at"));
  }

  static CallbackAttempt callbackAttempt(Row row) {
    return new CallbackAttempt(row.getLong("callback_id"), instant(row, "attempted_at"),
        row.getInteger("http_status"), row.getString("error"),
        CallbackAttempt.Outcome.valueOf(row.getString("outcome")),
        instant(row, "next_attempt_at"));
  }

  static Feedback feedback(Row row) {
    return new Feedback(row.getString("account_sid"), row.getString("message_sid"),
        row.getString("outcome"), instant(row, "date_created"), instant(row, "date_updated"));
  }

  static Account account(Row row) {
    return new Account(row.getString("sid"), row.getString("auth_token"),
        row.getString("friendly_name"), row.getString("owner_account_sid"),
        Account.Status.valueOf(row.getString("status")),
        Account.Type.valueOf(row.getString("type")),
        instant(row, "date_created"), instant(row, "date_updated"));
  }

  static PhoneNumber phoneNumber(Row row) {
    return new PhoneNumber(row.getString("sid"), row.getString("account_sid"),
        row.getString("phone_number"), row.getString("friendly_name"), row.getString("sms_url"),
        row.getString("sms_method"), row.getString("sms_fallback_url"),
        row.getString("sms_fallback_method"), row.getString("status_callback"),
        row.getInteger("throughput"),
        instant(row, "date_created"), instant(row, "date_updated"));
  }

  static ShortCode shortCode(Row row) {
    return new ShortCode(row.getString("sid"), row.getString("account_sid"),
        row.getString("short_code"), row.getString("country_code"),
        row.getString("friendly_name"), row.getInteger("throughput"),
        instant(row, "date_created"), instant(row, "date_updated"));
  }

  static CallerId callerId(Row row) {
    return new CallerId(row.getString("sid"), row.getString("account_sid"),
        row.getString("phone_number"), row.getString("friendly_name"),
        instant(row, "date_created"));
  }

  static MessagingService service(Row row) {
    return new MessagingService(row.getString("sid"), row.getString("account_sid"),
        row.getString("friendly_name"), row.getString("inbound_request_url"),
        row.getString("inbound_method"), row.getString("fallback_url"),
        row.getString("fallback_method"), row.getString("status_callback"),
        row.getBoolean("sticky_sender"), row.getBoolean("mms_converter"),
        row.getBoolean("smart_encoding"), row.getString("scan_message_content"),
        row.getBoolean("fallback_to_long_code"), row.getBoolean("area_code_geomatch"),
        row.getInteger("validity_period"), row.getBoolean("synchronous_validation"),
        row.getString("usecase"), row.getBoolean("use_inbound_webhook_on_number"),
        instant(row, "date_created"), instant(row, "date_updated"));
  }

  static ServiceSender serviceSender(Row row) {
    return new ServiceSender(row.getString("sid"), row.getString("account_sid"),
        row.getString("service_sid"), ServiceSender.Kind.valueOf(row.getString("kind")),
        row.getString("value"), row.getString("country_code"), instant(row, "date_created"),
        instant(row, "date_updated"));
  }
}
