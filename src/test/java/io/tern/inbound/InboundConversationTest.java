package io.tern.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import io.tern.Gateway;
import io.tern.bus.Addresses;
import io.tern.bus.LocalCodec;
import io.tern.carrier.InboundSms;
import io.tern.inbound.WebhookReceiver.Answer;
import io.tern.testing.Eventually;
import io.tern.testing.GatewayApiTest;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Conversations over HTTP on PostgreSQL: a handset's message injected into the simulated carrier
 * is stored, listed and sent to the application's webhook, whose TwiML answers go out as
 * outbound-reply messages; fallbacks, redirects, opt-outs and long messages as on Twilio.
 */
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class InboundConversationTest extends GatewayApiTest {
  private static final String HANDSET = "+14155550900";
  private WebhookReceiver app;
  private final Map<String, String> services = new HashMap<>();

  @Override
  protected Future<Gateway> startGateway(Vertx vertx) {
    Map<String, String> env = new HashMap<>(TestGateway.postgres(TestGateway.uniqueSchema("inbound")));
    env.put("TERN_INBOUND_POLL_MILLIS", "100");
    env.put("TERN_CARRIER_SIMULATED_DELIVERY_REPORT_DELAY_MILLIS", "50");
    return TestGateway.start(vertx, env, Clock.systemUTC(), null);
  }

  /** The application: one path per behaviour under test. */
  private static Answer answer(WebhookReceiver.Request request) {
    return switch (request.path()) {
      case "/quiet", "/parts", "/get", "/status" -> Answer.empty(204);
      case "/reply" -> Answer.twiml(
          "<Response><Message action=\"/status\">Thanks for writing</Message></Response>");
      case "/redirect" -> Answer.twiml("<Response><Redirect>/redirected</Redirect></Response>");
      case "/redirected" -> Answer.twiml("<Response><Message>After the redirect</Message></Response>");
      case "/broken" -> new Answer(500, "text/plain", "oops");
      case "/bad-twiml" -> Answer.twiml("<Response><Message>never closed</Response>");
      case "/not-xml" -> new Answer(200, "application/json", "{\"reply\":\"no\"}");
      case "/fallback" -> Answer.twiml("<Response><Message>Sorry, try later</Message></Response>");
      default -> Answer.empty(404);
    };
  }

  @Override
  protected Future<?> prepare() {
    return WebhookReceiver.start(gateway.vertx(), 0, InboundConversationTest::answer)
        .compose(started -> {
          app = started;
          return Future.all(List.of(
              number("+14155550101", app.url("/quiet")),
              number("+14155550102", app.url("/reply")),
              number("+14155550103", app.url("/redirect")),
              number("+14155550104", null),
              number("+14155550105", app.url("/parts")),
              service("get", "+14155550106", Map.of("InboundRequestUrl", app.url("/get"),
                  "InboundMethod", "GET")),
              service("broken", "+14155550107", Map.of("InboundRequestUrl", app.url("/broken"),
                  "FallbackUrl", app.url("/fallback"))),
              service("bad", "+14155550108", Map.of("InboundRequestUrl", app.url("/bad-twiml"),
                  "FallbackUrl", app.url("/fallback"))),
              service("optout", "+14155550109", Map.of()),
              number("+14155550111", app.url("/not-xml")),
              numberWith("+14155550112", Map.of("SmsUrl", app.url("/broken"), "SmsMethod", "GET",
                  "SmsFallbackUrl", app.url("/fallback"), "SmsFallbackMethod", "GET"))));
        })
        .compose(all -> api.post("/v1/Services/" + services.get("optout") + "/PhoneNumbers",
            Map.of("PhoneNumberSid", services.get("optout:second"))));
  }

  private Future<String> number(String e164, String smsUrl) {
    Map<String, String> form = new HashMap<>(Map.of("PhoneNumber", e164));
    if (smsUrl != null) {
      form.put("SmsUrl", smsUrl);
    }
    return api.post(path("/IncomingPhoneNumbers.json"), form)
        .map(response -> response.bodyAsJsonObject().getString("sid"));
  }

  private Future<String> numberWith(String e164, Map<String, String> settings) {
    Map<String, String> form = new HashMap<>(settings);
    form.put("PhoneNumber", e164);
    return api.post(path("/IncomingPhoneNumbers.json"), form)
        .map(response -> response.bodyAsJsonObject().getString("sid"));
  }

  private Future<Void> service(String name, String e164, Map<String, String> settings) {
    Map<String, String> form = new HashMap<>(settings);
    form.put("FriendlyName", name);
    return api.post("/v1/Services", form).compose(created -> {
      String sid = created.bodyAsJsonObject().getString("sid");
      services.put(name, sid);
      Future<Void> second = name.equals("optout")
          ? number("+14155550110", null).onSuccess(pn -> services.put("optout:second", pn)).mapEmpty()
          : Future.succeededFuture();
      return number(e164, null).compose(pn -> api.post("/v1/Services/" + sid + "/PhoneNumbers",
              Map.of("PhoneNumberSid", pn)))
          .compose(added -> second);
    });
  }

  private String path(String tail) {
    return "/2010-04-01/Accounts/" + main.sid() + tail;
  }

  private Future<JsonObject> inject(String from, String to, String body) {
    return api.post(path("/SimulatedCarrier/Messages.json"), Map.of("From", from, "To", to, "Body", body))
        .map(response -> {
          assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
          return response.bodyAsJsonObject();
        });
  }

  private Future<HttpResponse<Buffer>> send(String from, String to, String body) {
    return api.post(path("/Messages.json"), Map.of("From", from, "To", to, "Body", body));
  }

  private Future<JsonArray> messages(String query) {
    return api.get(path("/Messages.json?" + query))
        .map(response -> response.bodyAsJsonObject().getJsonArray("messages"));
  }

  private Future<JsonArray> webhookLog(String sid) {
    return api.get(path("/Messages/" + sid + "/Webhooks.json"))
        .map(response -> response.bodyAsJsonObject().getJsonArray("webhooks"));
  }

  private Future<List<WebhookReceiver.Request>> requestsTo(String path, int count) {
    return Eventually.poll(gateway.vertx(), () -> Future.succeededFuture(app.requests(path)),
        requests -> requests.size() >= count, 15_000);
  }

  private Future<JsonArray> replies(String from, String to, int count) {
    return Eventually.poll(gateway.vertx(), () -> messages("From=" + from.replace("+", "%2B")
            + "&To=" + to.replace("+", "%2B")),
        found -> found.size() >= count, 15_000);
  }

  @Test
  void aReceivedMessageIsStoredListedAndSentSignedToTheNumbersWebhook(VertxTestContext testContext) {
    inject("+14155550901", "+14155550101", "Hello Tern")
        .compose(received -> messages("To=%2B14155550101").compose(listed ->
            requestsTo("/quiet", 1).map(requests -> {
              testContext.verify(() -> {
                assertThat(received.getString("sid")).startsWith("SM");
                assertThat(received.getString("direction")).isEqualTo("inbound");
                assertThat(received.getString("status")).isEqualTo("received");
                assertThat(received.getString("from")).isEqualTo("+14155550901");
                assertThat(received.getString("to")).isEqualTo("+14155550101");
                assertThat(received.getString("body")).isEqualTo("Hello Tern");
                assertThat(received.getString("num_segments")).isEqualTo("1");
                assertThat(received.getString("date_sent")).isNotNull();
                assertThat(listed).extracting(m -> ((JsonObject) m).getString("sid"))
                    .containsExactly(received.getString("sid"));

                WebhookReceiver.Request webhook = requests.get(0);
                assertThat(webhook.method()).isEqualTo("POST");
                assertThat(webhook.params()).containsOnlyKeys("MessageSid", "SmsSid",
                    "SmsMessageSid", "AccountSid", "From", "To", "Body", "NumMedia", "NumSegments",
                    "SmsStatus", "ApiVersion", "FromCity", "FromState", "FromZip", "FromCountry",
                    "ToCity", "ToState", "ToZip", "ToCountry");
                assertThat(webhook.params()).containsEntry("MessageSid", received.getString("sid"))
                    .containsEntry("SmsSid", received.getString("sid"))
                    .containsEntry("SmsMessageSid", received.getString("sid"))
                    .containsEntry("AccountSid", main.sid())
                    .containsEntry("Body", "Hello Tern")
                    .containsEntry("NumMedia", "0")
                    .containsEntry("NumSegments", "1")
                    .containsEntry("SmsStatus", "received")
                    .containsEntry("ApiVersion", "2010-04-01")
                    .containsEntry("FromCountry", "US")
                    .containsEntry("FromCity", "");
                assertThat(new RequestValidator(main.authToken()).validate(webhook.url(),
                    webhook.params(), webhook.headers().get("X-Twilio-Signature"))).isTrue();
                assertThat(new RequestValidator("another-token").validate(webhook.url(),
                    webhook.params(), webhook.headers().get("X-Twilio-Signature"))).isFalse();
              });
              return received.getString("sid");
            })))
        .compose(sid -> Eventually.poll(gateway.vertx(), () -> webhookLog(sid), log -> !log.isEmpty(), 5000))
        .onComplete(testContext.succeeding(log -> testContext.verify(() -> {
          assertThat(log.getJsonObject(0).getString("kind")).isEqualTo("webhook");
          assertThat(log.getJsonObject(0).getInteger("http_status")).isEqualTo(204);
          assertThat(log.getJsonObject(0).getInteger("error_code")).isNull();
          testContext.completeNow();
        })));
  }

  @Test
  void aServiceWithGetPutsTheSignedParametersInTheQuery(VertxTestContext testContext) {
    inject("+14155550902", "+14155550106", "via GET")
        .compose(received -> requestsTo("/get", 1))
        .onComplete(testContext.succeeding(requests -> testContext.verify(() -> {
          WebhookReceiver.Request webhook = requests.get(0);
          assertThat(webhook.method()).isEqualTo("GET");
          assertThat(webhook.params()).containsEntry("Body", "via GET")
              .containsEntry("MessagingServiceSid", services.get("get"));
          assertThat(new RequestValidator(main.authToken()).validate(webhook.url(), Map.of(),
              webhook.headers().get("X-Twilio-Signature"))).isTrue();
          testContext.completeNow();
        })));
  }

  @Test
  void aTwimlReplyIsSentAndCalledBack(VertxTestContext testContext) {
    inject("+14155550903", "+14155550102", "Is anyone there?")
        .compose(received -> replies("+14155550102", "+14155550903", 1))
        .compose(replies -> Eventually.poll(gateway.vertx(),
                () -> Future.succeededFuture(app.requests("/status")),
                callbacks -> callbacks.stream().anyMatch(c -> "delivered".equals(c.param("MessageStatus"))),
                15_000)
            .map(callbacks -> {
              testContext.verify(() -> {
                JsonObject reply = replies.getJsonObject(0);
                assertThat(replies).hasSize(1);
                assertThat(reply.getString("direction")).isEqualTo("outbound-reply");
                assertThat(reply.getString("body")).isEqualTo("Thanks for writing");
                assertThat(callbacks).allMatch(c -> c.param("MessageSid").equals(reply.getString("sid")));
              });
              return callbacks;
            }))
        .onComplete(testContext.succeeding(done -> testContext.completeNow()));
  }

  @Test
  void aRedirectFetchesTheNextDocument(VertxTestContext testContext) {
    inject("+14155550904", "+14155550103", "redirect me")
        .compose(received -> replies("+14155550103", "+14155550904", 1)
            .compose(replies -> webhookLog(received.getString("sid")).map(log -> {
              testContext.verify(() -> {
                assertThat(replies.getJsonObject(0).getString("body")).isEqualTo("After the redirect");
                assertThat(log).extracting(a -> ((JsonObject) a).getString("kind"))
                    .containsExactly("webhook", "redirect");
                assertThat(log.getJsonObject(1).getString("url")).isEqualTo(app.url("/redirected"));
              });
              return log;
            })))
        .onComplete(testContext.succeeding(done -> testContext.completeNow()));
  }

  @Test
  void aFailingWebhookGoesToTheFallbackWithTheError(VertxTestContext testContext) {
    inject("+14155550905", "+14155550107", "server error please")
        .compose(received -> replies("+14155550107", "+14155550905", 1)
            .compose(replies -> webhookLog(received.getString("sid")).map(log -> {
              testContext.verify(() -> {
                assertThat(replies.getJsonObject(0).getString("body")).isEqualTo("Sorry, try later");
                assertThat(log.getJsonObject(0).getInteger("error_code")).isEqualTo(11200);
                assertThat(log.getJsonObject(0).getInteger("http_status")).isEqualTo(500);
                assertThat(log.getJsonObject(1).getString("kind")).isEqualTo("fallback");
                WebhookReceiver.Request fallback = app.requests("/fallback").stream()
                    .filter(r -> r.param("MessageSid").equals(received.getString("sid")))
                    .findFirst().orElseThrow();
                assertThat(fallback.params()).containsEntry("ErrorCode", "11200")
                    .containsEntry("ErrorUrl", app.url("/broken"));
                assertThat(new RequestValidator(main.authToken()).validate(fallback.url(),
                    fallback.params(), fallback.headers().get("X-Twilio-Signature"))).isTrue();
              });
              return log;
            })))
        .onComplete(testContext.succeeding(done -> testContext.completeNow()));
  }

  @Test
  void aNumbersSmsMethodAndFallbackAreUsed(VertxTestContext testContext) {
    inject("+14155550914", "+14155550112", "number fallback please")
        .compose(received -> replies("+14155550112", "+14155550914", 1)
            .compose(replies -> webhookLog(received.getString("sid")).map(log -> {
              testContext.verify(() -> {
                String sid = received.getString("sid");
                assertThat(replies.getJsonObject(0).getString("body")).isEqualTo("Sorry, try later");
                assertThat(log).extracting(a -> ((JsonObject) a).getString("kind") + " "
                        + ((JsonObject) a).getString("method"))
                    .containsExactly("webhook GET", "fallback GET");
                WebhookReceiver.Request webhook = app.requests("/broken").stream()
                    .filter(r -> sid.equals(r.param("MessageSid"))).findFirst().orElseThrow();
                assertThat(webhook.method()).isEqualTo("GET");
                WebhookReceiver.Request fallback = app.requests("/fallback").stream()
                    .filter(r -> sid.equals(r.param("MessageSid"))).findFirst().orElseThrow();
                assertThat(fallback.method()).isEqualTo("GET");
                assertThat(fallback.params()).containsEntry("ErrorCode", "11200")
                    .containsEntry("ErrorUrl", app.url("/broken"))
                    .containsEntry("Body", "number fallback please");
                assertThat(new RequestValidator(main.authToken()).validate(fallback.url(), Map.of(),
                    fallback.headers().get("X-Twilio-Signature"))).isTrue();
              });
              return log;
            })))
        .onComplete(testContext.succeeding(done -> testContext.completeNow()));
  }

  @Test
  void unparsableTwimlGoesToTheFallbackWith12100(VertxTestContext testContext) {
    inject("+14155550906", "+14155550108", "bad twiml please")
        .compose(received -> replies("+14155550108", "+14155550906", 1)
            .compose(replies -> webhookLog(received.getString("sid"))))
        .onComplete(testContext.succeeding(log -> testContext.verify(() -> {
          assertThat(log.getJsonObject(0).getInteger("error_code")).isEqualTo(12100);
          assertThat(app.requests("/fallback"))
              .anyMatch(r -> "12100".equals(r.param("ErrorCode")) && "bad twiml please".equals(r.param("Body")));
          testContext.completeNow();
        })));
  }

  @Test
  void anAnswerThatIsNotXmlIs12300AndSendsNothing(VertxTestContext testContext) {
    inject("+14155550907", "+14155550111", "json?")
        .compose(received -> Eventually.poll(gateway.vertx(), () -> webhookLog(received.getString("sid")),
            log -> !log.isEmpty(), 5000))
        .compose(log -> messages("From=%2B14155550111").map(sent -> {
          testContext.verify(() -> {
            assertThat(log.getJsonObject(0).getInteger("error_code")).isEqualTo(12300);
            assertThat(sent).isEmpty();
          });
          return sent;
        }))
        .onComplete(testContext.succeeding(done -> testContext.completeNow()));
  }

  @Test
  void stopBlocksTheSenderUntilStart(VertxTestContext testContext) {
    String number = "+14155550104";
    String handset = "+14155550908";
    send(number, handset, "before").compose(before -> {
          testContext.verify(() -> assertThat(before.statusCode()).isEqualTo(201));
          return inject(handset, number, "Stop");
        })
        .compose(stop -> send(number, handset, "while opted out"))
        .compose(refused -> {
          testContext.verify(() -> {
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.bodyAsJsonObject().getInteger("code")).isEqualTo(21610);
          });
          return replies(number, handset, 2);
        })
        .compose(sent -> {
          testContext.verify(() -> assertThat(sent).anyMatch(m -> {
            JsonObject message = (JsonObject) m;
            return message.getString("direction").equals("outbound-reply")
                && message.getString("body").equals(Keyword.STOP.defaultReply());
          }));
          return inject(handset, number, "START");
        })
        .compose(start -> send(number, handset, "welcome back"))
        .onComplete(testContext.succeeding(after -> testContext.verify(() -> {
          assertThat(after.statusCode()).as(after.bodyAsString()).isEqualTo(201);
          testContext.completeNow();
        })));
  }

  @Test
  void aStopRedeliveredAfterStartDoesNotOptOutAgain(VertxTestContext testContext) {
    String number = "+14155550104";
    String handset = "+14155550915";
    InboundSms stop = new InboundSms("simulated", "stop-915", handset, number, "STOP", 0, null,
        List.of(), Instant.now());
    InboundSms start = new InboundSms("simulated", "start-915", handset, number, "START", 0, null,
        List.of(), Instant.now());
    carrierDelivers(stop)
        .compose(stored -> send(number, handset, "while opted out").map(refused -> {
          testContext.verify(() -> assertThat(refused.bodyAsJsonObject().getInteger("code"))
              .isEqualTo(21610));
          return stored;
        }))
        .compose(stored -> carrierDelivers(start)
            .compose(started -> carrierDelivers(stop))
            .map(again -> {
              testContext.verify(() -> assertThat(again).as("the same message").isEqualTo(stored));
              return again;
            }))
        .compose(again -> send(number, handset, "after START"))
        .onComplete(testContext.succeeding(after -> testContext.verify(() -> {
          assertThat(after.statusCode()).as(after.bodyAsString()).isEqualTo(201);
          testContext.completeNow();
        })));
  }

  @Test
  void stopToOneNumberOfAServiceBlocksTheWholeService(VertxTestContext testContext) {
    String handset = "+14155550909";
    inject(handset, "+14155550109", "STOP")
        .compose(stop -> send("+14155550110", handset, "from the other number"))
        .compose(otherNumber -> api.post(path("/Messages.json"), Map.of(
                "MessagingServiceSid", services.get("optout"), "To", handset, "Body", "via the service"))
            .map(viaService -> List.of(otherNumber, viaService)))
        .onComplete(testContext.succeeding(refused -> testContext.verify(() -> {
          assertThat(refused).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.bodyAsJsonObject().getInteger("code")).isEqualTo(21610);
          });
          testContext.completeNow();
        })));
  }

  private Future<Object> carrierDelivers(InboundSms sms) {
    return gateway.vertx().eventBus().request(Addresses.INBOUND_RECEIVED, sms, LocalCodec.localOnly())
        .map(reply -> reply.body());
  }

  private static InboundSms part(String carrierId, String from, String text, int reference, int total,
      int sequence) {
    return new InboundSms("simulated", carrierId, from, "+14155550105", text, 0,
        total == 1 ? null : new InboundSms.Part(reference, total, sequence), List.of(), Instant.now());
  }

  @Test
  void aLongMessageIsReassembledAndARedeliveredPartAddsNothing(VertxTestContext testContext) {
    String handset = "+14155550910";
    String first = "a".repeat(153);
    String second = "the end";
    carrierDelivers(part("c-2", handset, second, 7, 2, 2))
        .compose(x -> carrierDelivers(part("c-2", handset, second, 7, 2, 2)))
        .compose(x -> carrierDelivers(part("c-1", handset, first, 7, 2, 1)))
        .compose(x -> messages("From=" + handset.replace("+", "%2B")))
        .onComplete(testContext.succeeding(stored -> testContext.verify(() -> {
          assertThat(stored).hasSize(1);
          assertThat(stored.getJsonObject(0).getString("body")).isEqualTo(first + second);
          assertThat(stored.getJsonObject(0).getString("num_segments")).isEqualTo("2");
          assertThat(stored.getJsonObject(0).getString("direction")).isEqualTo("inbound");
          testContext.completeNow();
        })));
  }

  @Test
  void aRedeliveredMessageIsStoredOnce(VertxTestContext testContext) {
    String handset = "+14155550911";
    InboundSms sms = part("dup-1", handset, "only once", 0, 1, 1);
    carrierDelivers(sms)
        .compose(firstSid -> carrierDelivers(sms).map(secondSid -> List.of(firstSid, secondSid)))
        .compose(sids -> messages("From=" + handset.replace("+", "%2B")).map(stored -> {
          testContext.verify(() -> {
            assertThat(sids.get(0)).isEqualTo(sids.get(1));
            assertThat(stored).hasSize(1);
          });
          return stored;
        }))
        .onComplete(testContext.succeeding(done -> testContext.completeNow()));
  }

  @Test
  void aMessageForAnUnknownNumberIsAcknowledgedAndNotStored(VertxTestContext testContext) {
    InboundSms stranger = new InboundSms("simulated", "u-1", "+14155550912", "+14155559876",
        "anyone?", 0, null, List.of(), Instant.now());
    carrierDelivers(stranger)
        .compose(reply -> messages("From=%2B14155550912").map(stored -> {
          testContext.verify(() -> {
            assertThat(reply).isNull();
            assertThat(stored).isEmpty();
          });
          return stored;
        }))
        .compose(x -> api.get("/metrics"))
        .onComplete(testContext.succeeding(metrics -> testContext.verify(() -> {
          assertThat(metrics.bodyAsString()).containsPattern("tern_inbound_unknown_recipient_total(\\{[^}]*\\})? [1-9]");
          testContext.completeNow();
        })));
  }

  @Test
  void injectingToAnotherAccountsOrUnknownNumberIsRefused(VertxTestContext testContext) {
    api.post(path("/SimulatedCarrier/Messages.json"),
            Map.of("From", "+14155550913", "To", "+14155559877", "Body", "hi"))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(400);
          assertThat(response.bodyAsJsonObject().getInteger("code")).isEqualTo(20001);
          testContext.completeNow();
        })));
  }

}
