package io.tern.throttle;

import static io.tern.testing.ApiClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Gateway;
import io.tern.carrier.SubmissionLog;
import io.tern.store.Account;
import io.tern.store.PhoneNumber;
import io.tern.message.MessageStatus;
import io.tern.message.StatusChange;
import io.tern.message.Sids;
import io.tern.testing.ApiClient;
import io.tern.testing.Eventually;
import io.tern.testing.OffsetClock;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Messages leaving through the throttle and the simulated carrier, on PostgreSQL, over HTTP:
 * rates per sender, queue overflow, restarts mid-backlog, Messaging Service senders and
 * scheduled messages.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class MessageLifecycleTest {
  static final String US_NUMBER = "+14155550100";
  static final String UK_NUMBER = "+447700900100";
  static final Set<String> FINAL = Set.of("sent", "delivered", "undelivered", "failed", "canceled");

  private final String schema = TestGateway.uniqueSchema("lifecycle");
  private final SubmissionLog carrierLog = new SubmissionLog();
  private final OffsetClock clock = new OffsetClock();
  private Gateway gateway;

  @AfterEach
  void stop(VertxTestContext testContext) {
    (gateway == null ? Future.<Void>succeededFuture() : gateway.stop())
        .onComplete(testContext.succeedingThenComplete());
  }

  private Future<ApiClient> start(Vertx vertx, Map<String, String> extraEnv) {
    Map<String, String> env = new HashMap<>(TestGateway.postgres(schema));
    env.put("TERN_CARRIER_SIMULATED_DELIVERY_REPORT_DELAY_MILLIS", "50");
    env.putAll(extraEnv);
    return TestGateway.start(vertx, env, clock, carrierLog).compose(started -> {
      gateway = started;
      Account main = started.mainAccount();
      return registerIfMissing(started, US_NUMBER)
          .compose(ok -> registerIfMissing(started, UK_NUMBER))
          .map(ok -> ApiClient.as(WebClient.create(vertx), started, main));
    });
  }

  private static Future<Void> registerIfMissing(Gateway gateway, String number) {
    String account = gateway.mainAccount().sid();
    Instant now = Instant.now();
    return gateway.components().accounts().findPhoneNumberByValue(account, number)
        .compose(found -> found.isPresent() ? Future.succeededFuture()
            : gateway.components().accounts().addPhoneNumber(new PhoneNumber(
                Sids.generate(Sids.PHONE_NUMBER), account, number, null, null, null, null, now, now))
                .mapEmpty());
  }

  private String messages() {
    return "/2010-04-01/Accounts/" + gateway.mainAccount().sid() + "/Messages.json";
  }

  @Test
  void aUsLongCodeSendsOneSegmentPerSecond(Vertx vertx, VertxTestContext testContext) {
    start(vertx, Map.of())
        .compose(api -> createAll(api, US_NUMBER, "+14155550123", 5)
            .compose(uris -> waitUntilFinal(vertx, api, uris)))
        .onComplete(testContext.succeeding(finals -> testContext.verify(() -> {
          List<Instant> sent = finals.stream().map(m -> rfc2822(m.getString("date_sent"))).sorted().toList();
          for (int i = 1; i < sent.size(); i++) {
            // date_sent has whole seconds, so one second of holding shows as at least one second.
            assertThat(Duration.between(sent.get(i - 1), sent.get(i)).toMillis())
                .as("gap between message %d and %d", i - 1, i).isGreaterThanOrEqualTo(1000);
          }
          assertThat(finals).allSatisfy(m -> assertThat(m.getString("status")).isEqualTo("delivered"));
          assertThat(carrierLog.duplicates()).isEmpty();
          testContext.completeNow();
        })));
  }

  @Test
  void aUkNumberSendsTenPerSecondAndNeverTwoWithin100Ms(Vertx vertx, VertxTestContext testContext) {
    // "Ten in about a second" was timed, and timers run late on a busy machine. The clock is
    // held while the ten are posted instead: the first goes at once and the others queue. Then
    // the test moves it on 100 ms at a time, and each step must release exactly the next one
    // (a slower rate would release none); after five the clock runs again, and the rest go
    // at the real pace, which must never put two within 100 ms.
    int stepped = 5;
    Duration step = Duration.ofMillis(100);
    Instant[] heldAt = new Instant[1];
    start(vertx, Map.of())
        .compose(api -> {
          clock.hold();
          heldAt[0] = clock.instant().truncatedTo(ChronoUnit.MICROS);
          return createAll(api, UK_NUMBER, "+447700900123", 10)
              .compose(uris -> sentCount(vertx, 1).map(uris))
              .compose(uris -> {
                Future<Void> steps = Future.succeededFuture();
                for (int n = 2; n <= stepped; n++) {
                  int sent = n;
                  steps = steps.compose(x -> {
                    clock.advance(step);
                    return sentCount(vertx, sent);
                  });
                }
                return steps.eventually(() -> {
                  clock.release();
                  return Future.succeededFuture();
                }).map(uris);
              })
              .compose(uris -> waitUntilFinal(vertx, api, uris));
        })
        .compose(finals -> gateway.components().messages()
            .findBySids(finals.stream().map(m -> m.getString("sid")).toList()))
        .onComplete(testContext.succeeding(stored -> testContext.verify(() -> {
          assertThat(stored).allSatisfy(m -> assertThat(m.status()).isEqualTo(MessageStatus.DELIVERED));
          // date_sent is the moment the rate released each message, to the microsecond.
          List<Instant> released = stored.stream().map(io.tern.message.Message::dateSent).sorted().toList();
          assertThat(released).hasSize(10);
          for (int i = 0; i < stepped; i++) {
            assertThat(released.get(i)).as("released on step %d", i).isEqualTo(heldAt[0].plus(step.multipliedBy(i)));
          }
          for (int i = 1; i < released.size(); i++) {
            assertThat(Duration.between(released.get(i - 1), released.get(i)))
                .as("10 segments/s: never two within 100 ms").isGreaterThanOrEqualTo(step);
          }
          assertThat(carrierLog.duplicates()).isEmpty();
          testContext.completeNow();
        })));
  }

  /** Completes once the carrier has taken {@code count} messages; fails if it takes more. */
  private Future<Void> sentCount(Vertx vertx, int count) {
    return Eventually.poll(vertx, () -> Future.succeededFuture(carrierLog.sentCount()), n -> n >= count, 10_000)
        .compose(n -> n == count ? Future.<Void>succeededFuture()
            : Future.failedFuture(new AssertionError(n + " messages sent where " + count + " were due")));
  }

  @Test
  void messagesPastTheQueueCapAreCreatedThenFailWith30001(Vertx vertx, VertxTestContext testContext) {
    // Two seconds of queue at 1 segment/s: the same rule as the 4-hour default, quicker to fill.
    // The first message goes at once; the clock is then held, so the queue cannot drain while
    // the other five are posted, however slowly (timed, how many fitted depended on the speed
    // of the machine): two fit, three overflow.
    List<String> uris = new ArrayList<>();
    start(vertx, Map.of("TERN_THROTTLE_MAX_QUEUE_SECONDS", "2"))
        .compose(api -> createAll(api, US_NUMBER, "+14155550124", 1)
            .compose(first -> {
              uris.addAll(first);
              return Eventually.poll(vertx, () -> Future.succeededFuture(carrierLog.sentCount()),
                  n -> n == 1, 10_000);
            })
            .compose(firstSent -> {
              clock.hold();
              return createAll(api, US_NUMBER, "+14155550124", 5).eventually(() -> {
                clock.release();
                return Future.succeededFuture();
              });
            })
            .compose(rest -> {
              uris.addAll(rest);
              return waitUntilFinal(vertx, api, uris);
            }))
        .onComplete(testContext.succeeding(finals -> testContext.verify(() -> {
          long overflowed = finals.stream().filter(m -> Integer.valueOf(30001).equals(m.getInteger("error_code"))).count();
          assertThat(overflowed).isEqualTo(3);
          assertThat(finals.get(0).getString("status")).isEqualTo("delivered");
          assertThat(finals).filteredOn(m -> "failed".equals(m.getString("status")))
              .allSatisfy(m -> assertThat(m.getInteger("error_code")).isEqualTo(30001));
          assertThat(carrierLog.sentCount() + overflowed).isEqualTo(6);
          testContext.completeNow();
        })));
  }

  @Test
  void aRestartMidBacklogLosesNothingAndSendsNothingTwice(Vertx vertx, VertxTestContext testContext) {
    List<String> uris = new ArrayList<>();
    start(vertx, Map.of())
        .compose(api -> createAll(api, US_NUMBER, "+14155550125", 5))
        .compose(created -> {
          uris.addAll(created);
          return Eventually.poll(vertx, () -> Future.succeededFuture(carrierLog.sentCount()), n -> n >= 1, 10_000);
        })
        .compose(oneSent -> gateway.stop())
        .compose(stopped -> {
          gateway = null;
          return start(vertx, Map.of());
        })
        .compose(api -> waitUntilFinal(vertx, api, uris))
        .onComplete(testContext.succeeding(finals -> testContext.verify(() -> {
          assertThat(finals).allSatisfy(m -> assertThat(m.getString("status")).isEqualTo("delivered"));
          assertThat(carrierLog.duplicates()).isEmpty();
          assertThat(carrierLog.sentCount()).isEqualTo(5);
          testContext.completeNow();
        })));
  }

  @Test
  void aServiceMessageGetsItsSenderFromThePoolAndIsDelivered(Vertx vertx, VertxTestContext testContext) {
    start(vertx, Map.of())
        .compose(api -> api.post("/v1/Services", Map.of("FriendlyName", "notifications"))
            .compose(service -> {
              String mg = service.bodyAsJsonObject().getString("sid");
              return gateway.components().accounts()
                  .findPhoneNumberByValue(gateway.mainAccount().sid(), US_NUMBER)
                  .compose(number -> api.post("/v1/Services/" + mg + "/PhoneNumbers",
                      Map.of("PhoneNumberSid", number.orElseThrow().sid())))
                  .compose(added -> api.post(messages(), form("To", "+14155550126",
                      "MessagingServiceSid", mg, "Body", "from the pool")));
            })
            .compose(created -> {
              testContext.verify(() -> {
                assertThat(created.statusCode()).isEqualTo(201);
                assertThat(created.bodyAsJsonObject().getString("status")).isEqualTo("accepted");
                assertThat(created.bodyAsJsonObject().getValue("from")).isNull();
              });
              return waitUntilFinal(vertx, api, List.of(created.bodyAsJsonObject().getString("uri")));
            }))
        .onComplete(testContext.succeeding(finals -> testContext.verify(() -> {
          JsonObject message = finals.get(0);
          assertThat(message.getString("status")).isEqualTo("delivered");
          assertThat(message.getString("from")).isEqualTo(US_NUMBER);
          assertThat(message.getString("num_segments")).isEqualTo("1");
          assertThat(message.getString("date_sent")).isNotNull();
          testContext.completeNow();
        })));
  }

  @Test
  void theSimulatedCarriersOutcomesReachTheMessage(Vertx vertx, VertxTestContext testContext) {
    start(vertx, Map.of())
        .compose(api -> Future.all(
                api.post(messages(), form("To", "+15005559991", "From", UK_NUMBER, "Body", "a")),
                api.post(messages(), form("To", "+15005559993", "From", UK_NUMBER, "Body", "b")))
            .compose(both -> waitUntilFinal(vertx, api, List.of(
                both.<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>>resultAt(0).bodyAsJsonObject().getString("uri"),
                both.<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>>resultAt(1).bodyAsJsonObject().getString("uri")))))
        .onComplete(testContext.succeeding(finals -> testContext.verify(() -> {
          assertThat(finals.get(0).getString("status")).isEqualTo("undelivered");
          assertThat(finals.get(0).getInteger("error_code")).isEqualTo(30003);
          assertThat(finals.get(0).getString("date_sent")).isNotNull();
          assertThat(finals.get(1).getString("status")).isEqualTo("failed");
          assertThat(finals.get(1).getInteger("error_code")).isEqualTo(30008);
          assertThat(finals.get(1).getString("error_message")).isNotBlank();
          testContext.completeNow();
        })));
  }

  @Test
  void aScheduledMessageWaitsForSendAtAcrossARestart(Vertx vertx, VertxTestContext testContext) {
    String sendAt = DateTimeFormatter.ISO_INSTANT.format(clock.instant().plusSeconds(400).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    List<String> uris = new ArrayList<>();
    start(vertx, Map.of())
        .compose(api -> api.post("/v1/Services", Map.of("FriendlyName", "later"))
            .compose(service -> {
              String mg = service.bodyAsJsonObject().getString("sid");
              return gateway.components().accounts()
                  .findPhoneNumberByValue(gateway.mainAccount().sid(), US_NUMBER)
                  .compose(number -> api.post("/v1/Services/" + mg + "/PhoneNumbers",
                      Map.of("PhoneNumberSid", number.orElseThrow().sid())))
                  .compose(added -> Future.all(
                      api.post(messages(), form("To", "+14155550127", "MessagingServiceSid", mg,
                          "Body", "later", "ScheduleType", "fixed", "SendAt", sendAt)),
                      api.post(messages(), form("To", "+14155550128", "MessagingServiceSid", mg,
                          "Body", "never", "ScheduleType", "fixed", "SendAt", sendAt))));
            })
            .compose(both -> {
              JsonObject kept = both.<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>>resultAt(0).bodyAsJsonObject();
              JsonObject canceled = both.<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>>resultAt(1).bodyAsJsonObject();
              testContext.verify(() -> {
                assertThat(kept.getString("status")).isEqualTo("scheduled");
                assertThat(canceled.getString("status")).isEqualTo("scheduled");
              });
              uris.add(kept.getString("uri"));
              uris.add(canceled.getString("uri"));
              return api.post(canceled.getString("uri"), form("Status", "canceled"));
            }))
        .compose(canceled -> {
          testContext.verify(() -> assertThat(canceled.bodyAsJsonObject().getString("status")).isEqualTo("canceled"));
          return gateway.stop();
        })
        .compose(stopped -> {
          gateway = null;
          clock.advance(Duration.ofSeconds(401));
          return start(vertx, Map.of());
        })
        .compose(api -> waitUntilFinal(vertx, api, uris))
        .onComplete(testContext.succeeding(finals -> testContext.verify(() -> {
          assertThat(finals.get(0).getString("status")).isEqualTo("delivered");
          assertThat(finals.get(0).getString("from")).isEqualTo(US_NUMBER);
          assertThat(finals.get(1).getString("status")).isEqualTo("canceled");
          assertThat(carrierLog.sentCount()).isEqualTo(1);
          testContext.completeNow();
        })));
  }

  @Test
  void aQueuedMessageThatMovedOnBeforeItsTurnIsNeverHandedToTheCarrier(Vertx vertx,
      VertxTestContext testContext) {
    // A shard claims a message (queued to sending) when its turn comes, without reading it
    // first. The clock is held so the second of three waits its turn while something else
    // fails it: the claim must leave it failed and the carrier must never see it.
    List<String> uris = new ArrayList<>();
    start(vertx, Map.of())
        .compose(api -> {
          clock.hold();
          return createAll(api, US_NUMBER, "+14155550125", 3)
              .compose(created -> {
                uris.addAll(created);
                return gateway.components().lifecycle().applyStatusChanges(List.of(
                    StatusChange.failed(sidOf(created.get(1)), MessageStatus.FAILED,
                        clock.instant(), 30008, "Failed by the test while queued")));
              })
              .eventually(() -> {
                clock.release();
                return Future.succeededFuture();
              })
              .compose(failed -> waitUntilFinal(vertx, api, uris));
        })
        .onComplete(testContext.succeeding(finals -> testContext.verify(() -> {
          assertThat(finals).extracting(m -> m.getString("status"))
              .containsExactly("delivered", "failed", "delivered");
          assertThat(finals.get(1).getInteger("error_code")).isEqualTo(30008);
          assertThat(finals.get(1).getValue("date_sent")).isNull();
          assertThat(carrierLog.count(sidOf(uris.get(0)))).isEqualTo(1);
          assertThat(carrierLog.count(sidOf(uris.get(1)))).isZero();
          assertThat(carrierLog.count(sidOf(uris.get(2)))).isEqualTo(1);
          testContext.completeNow();
        })));
  }

  private static String sidOf(String uri) {
    return uri.substring(uri.lastIndexOf('/') + 1, uri.length() - ".json".length());
  }

  private Future<List<String>> createAll(ApiClient api, String from, String to, int count) {
    Future<List<String>> chain = Future.succeededFuture(new ArrayList<>());
    for (int i = 0; i < count; i++) {
      int n = i;
      chain = chain.compose(uris -> api.post(messages(), form("To", to, "From", from, "Body", "message " + n))
          .map(response -> {
            assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
            uris.add(response.bodyAsJsonObject().getString("uri"));
            return uris;
          }));
    }
    return chain;
  }

  private static Future<List<JsonObject>> waitUntilFinal(Vertx vertx, ApiClient api, List<String> uris) {
    return Eventually.poll(vertx,
        () -> Future.all(uris.stream().map(uri -> api.get(uri).map(r -> r.bodyAsJsonObject())).toList())
            .map(all -> all.<JsonObject>list()),
        all -> all.stream().allMatch(m -> FINAL.contains(m.getString("status"))
            && !("sent".equals(m.getString("status")))),
        45_000);
  }

  private static Instant rfc2822(String text) {
    return ZonedDateTime.parse(text, DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", java.util.Locale.ENGLISH)).toInstant();
  }
}
