package io.tern.carrier.smpp;

import io.tern.testing.ApiClient;
import io.tern.testing.Eventually;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What the gateway tests of this package share: a gateway on PostgreSQL bound to a test SMSC. */
final class SmppGateways {
  static final String ACCOUNT = "AC" + "5a1e5c".repeat(5) + "00";
  static final String TOKEN = "smpp-gateway-token-0123456789abcd";
  static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";

  private SmppGateways() {}

  /** The variables of a gateway on {@code schema}, one bind to {@code smsc}, senders fast enough for a load. */
  static Map<String, String> env(TestSmsc smsc, String schema) {
    Map<String, String> env = new HashMap<>(TestGateway.postgres(schema));
    env.put("TERN_ACCOUNT_SID", ACCOUNT);
    env.put("TERN_AUTH_TOKEN", TOKEN);
    env.put("TERN_CARRIER_TYPE", "smpp");
    env.put("TERN_CARRIER_SMPP_HOST", "127.0.0.1");
    env.put("TERN_CARRIER_SMPP_PORT", Integer.toString(smsc.port()));
    env.put("TERN_CARRIER_SMPP_SYSTEM_ID", "tern");
    env.put("TERN_CARRIER_SMPP_PASSWORD", "secret");
    env.put("TERN_CARRIER_SMPP_RECONNECT_INITIAL_MILLIS", "100");
    env.put("TERN_CARRIER_SMPP_RECONNECT_MAX_MILLIS", "400");
    env.put("TERN_THROTTLE_RATES_US_CA_LONG_CODE", "50");
    env.put("TERN_CALLBACKS_POLL_MILLIS", "200");
    env.put("TERN_INBOUND_POLL_MILLIS", "100");
    return env;
  }

  static Future<Void> register(ApiClient api, String number, Map<String, String> settings) {
    Map<String, String> form = new HashMap<>(settings);
    form.put("PhoneNumber", number);
    return api.post("/2010-04-01/Accounts/" + ACCOUNT + "/IncomingPhoneNumbers.json", form)
        .map(response -> {
          if (response.statusCode() != 201) {
            throw new IllegalStateException(response.bodyAsString());
          }
          return null;
        });
  }

  /** Posts one message per body, one after the other; returns their sids in order. */
  static Future<List<String>> send(ApiClient api, String from, String to, List<String> bodies) {
    Future<List<String>> chain = Future.succeededFuture(new ArrayList<>());
    for (String body : bodies) {
      chain = chain.compose(sids -> api.post(MESSAGES, Map.of("From", from, "To", to, "Body", body))
          .map(response -> {
            if (response.statusCode() != 201) {
              throw new IllegalStateException(response.bodyAsString());
            }
            sids.add(response.bodyAsJsonObject().getString("sid"));
            return sids;
          }));
    }
    return chain;
  }

  /** Each message's status by sid. */
  static Future<Map<String, String>> statuses(ApiClient api, List<String> sids) {
    return Future.all(sids.stream()
            .map(sid -> api.get(MESSAGES.replace("Messages.json", "Messages/" + sid + ".json"))
                .map(response -> response.bodyAsJsonObject()))
            .toList())
        .map(all -> all.<JsonObject>list().stream()
            .collect(Collectors.toMap(m -> m.getString("sid"), m -> m.getString("status"))));
  }

  /** Waits until every message has {@code status}. */
  static Future<Map<String, String>> allReach(Vertx vertx, ApiClient api, List<String> sids, String status,
      long timeoutMillis) {
    return Eventually.poll(vertx, () -> statuses(api, sids),
        all -> all.values().stream().allMatch(status::equals), timeoutMillis);
  }

  /** Waits until the SMSC has had Tern's answer to {@code count} deliver_sm. */
  static Future<Integer> acknowledged(Vertx vertx, TestSmsc smsc, int count) {
    return Eventually.poll(vertx, () -> Future.succeededFuture(smsc.delivered().size()), n -> n >= count, 20_000);
  }
}
