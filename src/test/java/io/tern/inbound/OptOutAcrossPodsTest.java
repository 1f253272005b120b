package io.tern.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Gateway;
import io.tern.bus.Addresses;
import io.tern.store.pg.PgStores;
import io.tern.testing.ApiClient;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A pod keeps an account's opt-outs for a while (here a minute) and learns of a STOP another
 * pod received from that pod's notice on the event bus; a keyword it receives itself, it
 * announces. The other pod is played by a second store on the same schema, which writes a STOP
 * without telling anyone, and by the test publishing the notice such a pod sends.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class OptOutAcrossPodsTest {
  private static final String NUMBER = "+14155550130";
  private static final String HANDSET = "+14155550930";

  @Test
  void aStopFromAnotherPodAppliesOnItsNoticeAndAKeywordReceivedHereIsAnnounced(Vertx vertx,
      VertxTestContext testContext) {
    String schema = TestGateway.uniqueSchema("optout_pods");
    Map<String, String> env = new HashMap<>(TestGateway.postgres(schema));
    env.put("TERN_DATABASE_OPT_OUT_CACHE_MILLIS", "60000");
    WebClient web = WebClient.create(vertx);
    AtomicReference<Gateway> gateway = new AtomicReference<>();
    AtomicReference<PgStores> otherPod = new AtomicReference<>();
    Promise<String> announced = Promise.promise();

    TestGateway.start(vertx, env, Clock.systemUTC(), null)
        .compose(started -> {
          gateway.set(started);
          return PgStores.open(vertx, TestGateway.DATABASE_URL, schema);
        })
        .compose(stores -> {
          otherPod.set(stores);
          return api(web, gateway.get()).post(base(gateway.get()) + "/IncomingPhoneNumbers.json",
              Map.of("PhoneNumber", NUMBER));
        })
        .compose(registered -> send(web, gateway.get(), "before"))
        .compose(before -> {
          testContext.verify(() -> assertThat(before.statusCode()).as(before.bodyAsString()).isEqualTo(201));
          return otherPod.get().optOuts().optOut(account(gateway.get()), HANDSET, List.of(NUMBER), Instant.now());
        })
        .compose(stoppedElsewhere -> send(web, gateway.get(), "not told yet"))
        .compose(notTold -> {
          testContext.verify(() -> assertThat(notTold.statusCode())
              .as("kept for a minute, and no notice came").isEqualTo(201));
          Promise<Void> noticeHandled = Promise.promise();
          vertx.eventBus().addInboundInterceptor(delivery -> {
            delivery.next();
            // next() ran the gateway's handler of the notice: the pod has dropped what it kept.
            if (delivery.message().address().equals(Addresses.OPT_OUTS_CHANGED)) {
              noticeHandled.tryComplete();
            }
          });
          vertx.eventBus().publish(Addresses.OPT_OUTS_CHANGED, account(gateway.get()));
          return noticeHandled.future().compose(handled -> send(web, gateway.get(), "after the notice"));
        })
        .compose(refused -> {
          testContext.verify(() -> {
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.bodyAsJsonObject().getInteger("code")).isEqualTo(21610);
          });
          vertx.eventBus().<String>consumer(Addresses.OPT_OUTS_CHANGED, notice -> announced.tryComplete(notice.body()));
          return api(web, gateway.get()).post(base(gateway.get()) + "/SimulatedCarrier/Messages.json",
              Map.of("From", HANDSET, "To", NUMBER, "Body", "START"));
        })
        .compose(started -> announced.future().compose(account -> send(web, gateway.get(), "after START")
            .map(after -> {
              testContext.verify(() -> {
                assertThat(account).isEqualTo(account(gateway.get()));
                assertThat(after.statusCode()).as(after.bodyAsString()).isEqualTo(201);
              });
              return after;
            })))
        .onComplete(testContext.succeeding(done -> otherPod.get().close()
            .compose(x -> gateway.get().stop())
            .onComplete(testContext.succeedingThenComplete())));
  }

  private static String account(Gateway gateway) {
    return gateway.mainAccount().sid();
  }

  private static String base(Gateway gateway) {
    return "/2010-04-01/Accounts/" + account(gateway);
  }

  private static ApiClient api(WebClient web, Gateway gateway) {
    return ApiClient.as(web, gateway, gateway.mainAccount());
  }

  private static Future<HttpResponse<Buffer>> send(WebClient web, Gateway gateway, String body) {
    return api(web, gateway).post(base(gateway) + "/Messages.json",
        Map.of("From", NUMBER, "To", HANDSET, "Body", body));
  }
}
