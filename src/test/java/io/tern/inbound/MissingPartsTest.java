package io.tern.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Gateway;
import io.tern.bus.Addresses;
import io.tern.bus.LocalCodec;
import io.tern.carrier.InboundSms;
import io.tern.testing.ApiClient;
import io.tern.testing.Eventually;
import io.tern.testing.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A long message whose other parts never come is stored as what arrived, with 30009. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class MissingPartsTest {

  @Test
  void partsStillMissingAfterTheWaitAreStoredWith30009(Vertx vertx, VertxTestContext testContext) {
    AtomicReference<Gateway> gateway = new AtomicReference<>();
    TestGateway.start(vertx, Map.of("TERN_INBOUND_PARTS_TIMEOUT_MILLIS", "200"), Clock.systemUTC(), null)
        .compose(started -> {
          gateway.set(started);
          ApiClient api = ApiClient.as(WebClient.create(vertx), started, started.mainAccount());
          String base = "/2010-04-01/Accounts/" + started.mainAccount().sid();
          InboundSms firstOfThree = new InboundSms("simulated", "p-1", "+14155550930",
              "+14155550130", "The first part only", 0, new InboundSms.Part(42, 3, 1), List.of(),
              Instant.now());
          return api.post(base + "/IncomingPhoneNumbers.json", Map.of("PhoneNumber", "+14155550130"))
              .compose(number -> vertx.eventBus().request(Addresses.INBOUND_RECEIVED, firstOfThree,
                  LocalCodec.localOnly()))
              .compose(held -> api.get(base + "/Messages.json?From=%2B14155550930")
                  .map(response -> response.bodyAsJsonObject().getJsonArray("messages")))
              .compose(beforeTheWait -> {
                testContext.verify(() -> assertThat(beforeTheWait).isEmpty());
                return Eventually.poll(vertx, () -> api.get(base + "/Messages.json?From=%2B14155550930")
                        .map(response -> response.bodyAsJsonObject().getJsonArray("messages")),
                    messages -> !messages.isEmpty(), 10_000);
              });
        })
        .onComplete(testContext.succeeding((JsonArray stored) -> testContext.verify(() -> {
          assertThat(stored).hasSize(1);
          assertThat(stored.getJsonObject(0).getInteger("error_code")).isEqualTo(30009);
          assertThat(stored.getJsonObject(0).getString("body")).isEqualTo("The first part only");
          assertThat(stored.getJsonObject(0).getString("num_segments")).isEqualTo("1");
          gateway.get().stop().onComplete(testContext.succeedingThenComplete());
        })));
  }
}
