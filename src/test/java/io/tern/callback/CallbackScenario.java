package io.tern.callback;

import static io.tern.testing.ApiClient.form;

import io.tern.Gateway;
import io.tern.store.PhoneNumber;
import io.tern.message.Message;
import io.tern.message.MessageStatus;
import io.tern.message.Sids;
import io.tern.message.StatusChange;
import io.tern.message.text.Encoding;
import io.tern.store.MessageStore;
import io.tern.testing.ApiClient;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A gateway on PostgreSQL tuned for callback tests: delivery reports after 50 ms, the outbox
 * read every 100 ms and retries within a few hundred milliseconds; one UK number (10 messages
 * a second) to send from.
 */
final class CallbackScenario {
  static final String FROM = "+447700900100";
  static final String TO = "+447700900123";

  final Gateway gateway;
  final ApiClient api;

  private CallbackScenario(Gateway gateway, ApiClient api) {
    this.gateway = gateway;
    this.api = api;
  }

  static Future<CallbackScenario> start(Vertx vertx, String schema, Map<String, String> extraEnv) {
    Map<String, String> env = new HashMap<>(TestGateway.postgres(schema));
    env.put("TERN_CARRIER_SIMULATED_DELIVERY_REPORT_DELAY_MILLIS", "50");
    env.put("TERN_CALLBACKS_POLL_MILLIS", "100");
    env.put("TERN_CALLBACKS_INITIAL_BACKOFF_MILLIS", "50");
    env.put("TERN_CALLBACKS_MAX_BACKOFF_MILLIS", "300");
    env.putAll(extraEnv);
    return TestGateway.start(vertx, env, Clock.systemUTC(), null).compose(gateway -> {
      String account = gateway.mainAccount().sid();
      Instant now = Instant.now();
      return gateway.components().accounts().findPhoneNumberByValue(account, FROM)
          .compose(found -> found.isPresent() ? Future.succeededFuture()
              : gateway.components().accounts().addPhoneNumber(new PhoneNumber(
                  Sids.generate(Sids.PHONE_NUMBER), account, FROM, null, null, null, null, now, now)))
          .map(ok -> new CallbackScenario(gateway,
              ApiClient.as(WebClient.create(vertx), gateway, gateway.mainAccount())));
    });
  }

  String authToken() {
    return gateway.mainAccount().authToken();
  }

  String messagesPath() {
    return "/2010-04-01/Accounts/" + gateway.mainAccount().sid() + "/Messages";
  }

  /** Sends a message from the UK number with this StatusCallback; its sid. */
  Future<String> send(String statusCallback) {
    return api.post(messagesPath() + ".json",
            form("To", TO, "From", FROM, "Body", "hello", "StatusCallback", statusCallback))
        .map(CallbackScenario::createdSid);
  }

  /** A Messaging Service with this status_callback and the UK number in its pool; its sid. */
  Future<String> service(String statusCallback) {
    return api.post("/v1/Services", Map.of("FriendlyName", "alerts", "StatusCallback", statusCallback))
        .compose(service -> {
          String sid = service.bodyAsJsonObject().getString("sid");
          return gateway.components().accounts()
              .findPhoneNumberByValue(gateway.mainAccount().sid(), FROM)
              .compose(number -> api.post("/v1/Services/" + sid + "/PhoneNumbers",
                  Map.of("PhoneNumberSid", number.orElseThrow().sid())))
              .map(added -> sid);
        });
  }

  /** Sends a message through the service, without a StatusCallback of its own; its sid. */
  Future<String> sendVia(String serviceSid) {
    return api.post(messagesPath() + ".json",
            form("To", TO, "MessagingServiceSid", serviceSid, "Body", "hello"))
        .map(CallbackScenario::createdSid);
  }

  /**
   * A message stored directly, as an older version (or a gateway under other outbound rules)
   * stored it, with this StatusCallback, and moved to sent: its callback is in the outbox
   * whatever today's API would say of the URL. Its sid.
   */
  Future<String> storeSent(String statusCallback) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Message message = Message.builder()
        .sid(Sids.generate(Sids.MESSAGE))
        .accountSid(gateway.mainAccount().sid())
        .to(TO)
        .from(FROM)
        .body("stored long ago")
        .status(MessageStatus.SENDING)
        .direction(Message.OUTBOUND_API)
        .numSegments(1)
        .encoding(Encoding.GSM7.wireName())
        .statusCallback(statusCallback)
        .validityPeriod(36_000)
        .dateCreated(now)
        .dateUpdated(now)
        .build();
    MessageStore store = gateway.components().messages();
    return store.insert(message, null)
        .compose(stored -> store.applyStatusChanges(List.of(StatusChange.sent(stored.sid(), now))))
        .map(message.sid());
  }

  /** The message's callback attempts as Callbacks.json lists them. */
  Future<List<JsonObject>> attempts(String messageSid) {
    return api.get(messagesPath() + "/" + messageSid + "/Callbacks.json").map(response -> {
      if (response.statusCode() != 200) {
        throw new AssertionError("Callbacks.json answered " + response.statusCode() + ": "
            + response.bodyAsString());
      }
      JsonArray callbacks = response.bodyAsJsonObject().getJsonArray("callbacks");
      return callbacks.stream().map(JsonObject.class::cast).toList();
    });
  }

  Future<Void> stop() {
    return gateway.stop();
  }

  /**
   * A test's tear-down: the scenario's gateway first (its stop waits for the posts still on the
   * wire), then each receiver; whichever the test never started is null and skipped.
   */
  static Future<Void> stopAll(CallbackScenario scenario, CallbackReceiver... receivers) {
    Future<Void> stopped = scenario == null ? Future.succeededFuture() : scenario.stop();
    for (CallbackReceiver receiver : receivers) {
      stopped = stopped.compose(done -> receiver == null ? Future.succeededFuture() : receiver.close());
    }
    return stopped;
  }

  private static String createdSid(io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> response) {
    if (response.statusCode() != 201) {
      throw new AssertionError("Create answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject().getString("sid");
  }
}
