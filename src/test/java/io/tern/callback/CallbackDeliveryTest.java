package io.tern.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import io.tern.callback.CallbackReceiver.Answer;
import io.tern.callback.CallbackReceiver.Received;
import io.tern.testing.ApiClient;
import io.tern.testing.Eventually;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Status callbacks end to end, on PostgreSQL over HTTP: messages go through the simulated carrier
 * and an application's endpoint on loopback receives what Tern posts.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class CallbackDeliveryTest {
  private final String schema = TestGateway.uniqueSchema("callbacks");
  private CallbackScenario scenario;
  private CallbackReceiver receiver;

  @AfterEach
  void stop(VertxTestContext testContext) {
    CallbackScenario.stopAll(scenario, receiver).onComplete(testContext.succeedingThenComplete());
  }

  private Future<CallbackScenario> start(Vertx vertx, CallbackReceiver.Answers answers) {
    return CallbackReceiver.start(vertx, 0, answers)
        .compose(started -> {
          receiver = started;
          return CallbackScenario.start(vertx, schema, Map.of());
        })
        .onSuccess(started -> scenario = started);
  }

  @Test
  void everyStatusArrivesInOrderSignedOnceTheReceiverRecovers(Vertx vertx, VertxTestContext testContext) {
    // The first three posts fail whichever callbacks they are; every later one is taken.
    List<String> sids = new ArrayList<>();
    start(vertx, (n, form) -> Answer.now(n <= 3 ? 500 : 200))
        .compose(s -> s.service(receiver.url("/service-status")))
        .compose(service -> scenario.send(receiver.url("/status?shop=7")).onSuccess(sids::add)
            .compose(x -> scenario.send(receiver.url("/status?shop=8")).onSuccess(sids::add))
            .compose(x -> scenario.sendVia(service).onSuccess(sids::add)))
        .compose(x -> Eventually.poll(vertx, () -> Future.succeededFuture(receiver.accepted()),
            accepted -> accepted.size() >= 7, 15_000))
        .compose(x -> Future.all(sids.stream().map(scenario::attempts).toList()))
        .onComplete(testContext.succeeding(histories -> testContext.verify(() -> {
          List<Received> arrived = receiver.arrived();
          Map<String, List<String>> expected = Map.of(
              sids.get(0), List.of("sent", "delivered"),
              sids.get(1), List.of("sent", "delivered"),
              sids.get(2), List.of("queued", "sent", "delivered"));
          expected.forEach((sid, statuses) -> {
            assertThat(statusesTakenFor(sid)).as("taken for %s", sid).isEqualTo(statuses);
            assertThat(statusesInArrivalOrder(arrived, sid))
                .as("a later status only after the one before was answered").isEqualTo(statuses);
          });

          RequestValidator validator = new RequestValidator(scenario.authToken());
          assertThat(arrived).hasSize(10).allSatisfy(request -> {
            assertThat(validator.validate(request.url(), request.form(),
                request.headers().get("X-Twilio-Signature"))).as("signature of %s", request).isTrue();
            assertThat(request.headers().get("User-Agent")).isEqualTo("TwilioProxy/1.1");
            assertThat(request.headers().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
            assertThat(request.form()).containsEntry("ApiVersion", "2010-04-01")
                .containsEntry("AccountSid", scenario.gateway.mainAccount().sid())
                .containsEntry("From", CallbackScenario.FROM).containsEntry("To", CallbackScenario.TO);
          });
          assertThat(arrived).filteredOn(request -> request.sid().equals(sids.get(2)))
              .allSatisfy(request -> assertThat(request.url()).endsWith("/service-status"))
              .allSatisfy(request -> assertThat(request.form()).containsKey("MessagingServiceSid"));

          // One token per callback, the same on each of its attempts.
          Map<String, Set<String>> tokens = arrived.stream().collect(Collectors.groupingBy(
              request -> request.sid() + " " + request.status(),
              Collectors.mapping(request -> request.headers().get("I-Twilio-Idempotency-Token"),
                  Collectors.toSet())));
          assertThat(tokens).hasSize(7).allSatisfy((callback, itsTokens) -> assertThat(itsTokens).hasSize(1));
          assertThat(tokens.values().stream().flatMap(Set::stream).distinct()).hasSize(7);

          List<JsonObject> attempts = histories.<List<JsonObject>>list().stream().flatMap(List::stream).toList();
          assertThat(attempts).hasSize(10);
          assertThat(attempts).filteredOn(a -> a.getString("outcome").equals("retry"))
              .hasSize(3)
              .allSatisfy(a -> {
                assertThat(a.getInteger("http_status")).isEqualTo(500);
                assertThat(a.getString("error")).isEqualTo("HTTP 500");
                assertThat(a.getString("next_attempt_at")).isNotNull();
              });
          assertThat(attempts).filteredOn(a -> a.getString("outcome").equals("delivered"))
              .hasSize(7)
              .allSatisfy(a -> {
                assertThat(a.getInteger("http_status")).isEqualTo(200);
                assertThat(a.getValue("error")).isNull();
                assertThat(a.getString("date_attempted")).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000");
              });
          List<JsonObject> firstMessage = histories.<List<JsonObject>>list().get(0);
          assertThat(firstMessage.get(firstMessage.size() - 1).getString("status")).isEqualTo("delivered");
          assertThat(firstMessage).allSatisfy(a -> assertThat(tokens.get(sids.get(0) + " " + a.getString("status")))
              .containsExactly(a.getString("idempotency_token")));
          testContext.completeNow();
        })));
  }

  @Test
  void theHistoryIsAListPageOfTheOwnersAndNotFoundForAnotherAccount(Vertx vertx, VertxTestContext testContext) {
    List<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>> answers = new ArrayList<>();
    start(vertx, (n, form) -> Answer.now(200))
        .compose(s -> s.send(receiver.url("/status")))
        .compose(sid -> scenario.api.get(scenario.messagesPath() + "/" + sid + "/Callbacks.json")
            .onSuccess(answers::add)
            .compose(own -> scenario.api.post("/2010-04-01/Accounts.json", Map.of("FriendlyName", "other")))
            .compose(created -> {
              JsonObject sub = created.bodyAsJsonObject();
              ApiClient other = scenario.api.withCredentials(sub.getString("sid"), sub.getString("auth_token"));
              return other.get("/2010-04-01/Accounts/" + sub.getString("sid") + "/Messages/" + sid + "/Callbacks.json")
                  .onSuccess(answers::add)
                  .compose(x -> other.get(scenario.messagesPath() + "/" + sid + "/Callbacks.json"))
                  .onSuccess(answers::add)
                  .map(sid);
            }))
        .onComplete(testContext.succeeding(sid -> testContext.verify(() -> {
          JsonObject page = answers.get(0).bodyAsJsonObject();
          assertThat(answers.get(0).statusCode()).isEqualTo(200);
          assertThat(page.getString("uri"))
              .isEqualTo(scenario.messagesPath() + "/" + sid + "/Callbacks.json?PageSize=50&Page=0");
          assertThat(page.getJsonArray("callbacks")).isNotNull();
          assertThat(page.fieldNames()).contains("first_page_uri", "next_page_uri", "page", "page_size");
          assertThat(answers.subList(1, 3)).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(answer.bodyAsJsonObject().getInteger("code")).isEqualTo(20404);
          });
          testContext.completeNow();
        })));
  }

  @Test
  void a404IsFinalAndTheMetadataAddressIsNeverContacted(Vertx vertx, VertxTestContext testContext) {
    List<String> sids = new ArrayList<>();
    String metadata = "http://169.254.169.254/latest/meta-data/";
    start(vertx, (n, form) -> Answer.now(404))
        .compose(s -> s.send(receiver.url("/gone")).onSuccess(sids::add))
        // The API refuses the URL when it is set; one stored before (or under other rules) is
        // checked again at every post.
        .compose(x -> scenario.api.post(scenario.messagesPath() + ".json", ApiClient.form(
            "To", CallbackScenario.TO, "From", CallbackScenario.FROM, "Body", "hi", "StatusCallback", metadata)))
        .compose(refused -> {
          assertThat(refused.statusCode()).isEqualTo(400);
          assertThat(refused.bodyAsJsonObject().getInteger("code")).isEqualTo(21609);
          assertThat(refused.bodyAsJsonObject().getString("message"))
              .endsWith("since its address is a cloud metadata address; no setting opens it.");
          return scenario.storeSent(metadata).onSuccess(sids::add);
        })
        .compose(x -> Eventually.poll(vertx,
            () -> Future.all(sids.stream().map(scenario::attempts).toList())
                .map(all -> all.<List<JsonObject>>list()),
            histories -> histories.get(0).size() == 2 && histories.get(1).size() == 1, 15_000))
        .compose(histories -> scenario.gateway.components().messages().pendingCallbackCount()
            .map(pending -> {
              assertThat(pending).as("nothing left to try").isZero();
              return histories;
            }))
        .onComplete(testContext.succeeding(histories -> testContext.verify(() -> {
          assertThat(histories.get(0))
              .extracting(a -> a.getString("status"), a -> a.getString("outcome"), a -> a.getInteger("http_status"))
              .containsExactly(
                  org.assertj.core.groups.Tuple.tuple("sent", "gave_up", 404),
                  org.assertj.core.groups.Tuple.tuple("delivered", "gave_up", 404));
          assertThat(receiver.arrived()).as("one attempt per callback")
              .extracting(Received::status).containsExactly("sent", "delivered");
          assertThat(histories.get(1)).singleElement().satisfies(a -> {
            assertThat(a.getString("outcome")).isEqualTo("gave_up");
            assertThat(a.getValue("http_status")).isNull();
            assertThat(a.getString("error")).isEqualTo(
                "refused by the outbound check: its address is a cloud metadata address; no setting opens it");
          });
          testContext.completeNow();
        })));
  }

  @Test
  void rcInTheFragmentLimitsRetries(Vertx vertx, VertxTestContext testContext) {
    start(vertx, (n, form) -> Answer.now(503))
        .compose(s -> s.send(receiver.url("/busy?x=1#rc=1&e=ashburn")))
        .compose(sid -> Eventually.poll(vertx, () -> scenario.attempts(sid),
            history -> history.size() == 4, 15_000))
        .onComplete(testContext.succeeding(history -> testContext.verify(() -> {
          assertThat(history)
              .extracting(a -> a.getString("status"), a -> a.getString("outcome"))
              .containsExactly(
                  org.assertj.core.groups.Tuple.tuple("sent", "retry"),
                  org.assertj.core.groups.Tuple.tuple("sent", "gave_up"),
                  org.assertj.core.groups.Tuple.tuple("delivered", "retry"),
                  org.assertj.core.groups.Tuple.tuple("delivered", "gave_up"));
          assertThat(history.get(1).getString("error")).isEqualTo("HTTP 503; no retries left (rc=1)");
          RequestValidator validator = new RequestValidator(scenario.authToken());
          assertThat(receiver.arrived()).hasSize(4).allSatisfy(request -> {
            assertThat(request.url()).endsWith("/busy?x=1");
            assertThat(validator.validate(request.url(), request.form(),
                request.headers().get("X-Twilio-Signature"))).isTrue();
          });
          testContext.completeNow();
        })));
  }

  /** The statuses the receiver took (2xx) for a message, in the order it took them. */
  private List<String> statusesTakenFor(String sid) {
    return receiver.accepted().stream().filter(r -> r.sid().equals(sid)).map(Received::status).toList();
  }

  /** A message's statuses in arrival order, retries of one status folded into one. */
  private static List<String> statusesInArrivalOrder(List<Received> arrived, String sid) {
    List<String> statuses = new ArrayList<>();
    for (Received request : arrived) {
      if (request.sid().equals(sid)
          && (statuses.isEmpty() || !statuses.get(statuses.size() - 1).equals(request.status()))) {
        statuses.add(request.status());
      }
    }
    return statuses;
  }
}
