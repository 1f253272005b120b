package io.tern.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.bus.Addresses;
import io.tern.bus.LocalCodec;
import io.tern.message.InboundFixture;
import io.tern.message.Message;
import io.tern.message.MessageFixture;
import io.tern.message.MessageStatus;
import io.tern.message.text.Encoding;
import io.tern.message.Sids;
import io.tern.message.StatusChange;
import io.tern.status.StatusWriterVerticle;
import io.tern.store.PendingCallback;
import io.tern.store.memory.InMemoryAccountRegistry;
import io.tern.store.memory.InMemoryMessageStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The carrier verticle between the throttle, the connector, the store and the inbound side:
 * answers recorded with the carrier's ids, reports matched through the store (also when they
 * come first or twice), received messages acknowledged only once committed.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class CarrierVerticleTest {
  private static final String ACCOUNT = Sids.generate(Sids.ACCOUNT);
  private static final String NUMBER = "+14155550111";

  private final InMemoryMessageStore store = new InMemoryMessageStore(new InMemoryAccountRegistry());
  private final List<SimulatedCarrier> carriers = new CopyOnWriteArrayList<>();
  private SimulatedCarrierOptions options = SimulatedCarrierOptions.defaults()
      .withSubmitLatencyMillis(5)
      .withDeliveryReportDelayMillis(20);

  @BeforeEach
  void codecs(Vertx vertx) {
    LocalCodec.register(vertx, Message.class, StatusChange.class, CarrierRequest.class,
        SubmitResult.class, InboundSms.class);
  }

  /** The status writer and a carrier verticle over the simulated carrier, sweeping every 20 ms. */
  private Future<SimulatedCarrier> deploy(Vertx vertx, SimulatedCarrier.Quirk quirk, String to) {
    CarrierVerticle verticle = new CarrierVerticle(v -> {
      SimulatedCarrier carrier = new SimulatedCarrier(v, options);
      if (quirk != null) {
        carrier.script(to, quirk);
      }
      carriers.add(carrier);
      return carrier;
    }, PriceTable.unpriced(), store.carrierIds(), new ReportKeeping(Duration.ofHours(48), 20),
        Clock.systemUTC());
    return vertx.deployVerticle(new StatusWriterVerticle(store))
        .compose(writer -> vertx.deployVerticle(verticle))
        .map(id -> carriers.get(carriers.size() - 1));
  }

  /** A message the throttle has moved to sending, with a status callback to count. */
  private Future<Message> sending(String to, int segments) {
    String sid = Sids.generate(Sids.MESSAGE);
    Instant now = Instant.now();
    return store.insert(MessageFixture.queued(sid, ACCOUNT, NUMBER, now).to(to)
            .numSegments(segments).statusCallback("https://app.example.com/status").build(), null)
        .compose(inserted -> store.applyStatusChanges(
            List.of(StatusChange.to(sid, MessageStatus.SENDING, now))))
        .map(moved -> moved.get(0));
  }

  private static Future<SubmitResult> submit(Vertx vertx, Message message) {
    OutboundSms sms = new OutboundSms(message.sid(), message.accountSid(), message.from(),
        message.to(), message.body(), message.numSegments(), Encoding.GSM7, List.of());
    return vertx.eventBus().<SubmitResult>request(Addresses.CARRIER_SUBMIT,
            new CarrierRequest(sms, Instant.now()), LocalCodec.localOnly())
        .map(io.vertx.core.eventbus.Message::body);
  }

  private Future<Message> finalState(Vertx vertx, String sid) {
    return waitFor(vertx, () -> store.find(ACCOUNT, sid).result()
            .map(m -> m.status() == MessageStatus.DELIVERED || m.status() == MessageStatus.UNDELIVERED)
            .orElse(false))
        .compose(done -> store.find(ACCOUNT, sid)).map(found -> found.orElseThrow());
  }

  private Future<List<MessageStatus>> callbackStatuses(String sid) {
    return store.callbacks(ACCOUNT, sid)
        .map(callbacks -> callbacks.stream().map(PendingCallback::status).toList());
  }

  @Test
  void aMultiPartMessageIsSentWithItsIdsAndDeliveredOnceEveryPartIs(Vertx vertx, VertxTestContext ctx) {
    deploy(vertx, null, null)
        .compose(carrier -> sending("+14155550123", 3))
        .compose(message -> submit(vertx, message).compose(result -> {
          assertThat(result.carrierMessageIds()).hasSize(3);
          // Answered once sent is written (its report may already have followed).
          assertThat(store.find(ACCOUNT, message.sid()).result().orElseThrow().status())
              .isIn(MessageStatus.SENT, MessageStatus.DELIVERED);
          return finalState(vertx, message.sid());
        }))
        .compose(delivered -> {
          assertThat(delivered.status()).isEqualTo(MessageStatus.DELIVERED);
          return callbackStatuses(delivered.sid());
        })
        .onComplete(ctx.succeeding(statuses -> ctx.verify(() -> {
          assertThat(statuses).containsExactly(MessageStatus.SENT, MessageStatus.DELIVERED);
          ctx.completeNow();
        })));
  }

  @Test
  void aReportThatComesTwiceIsAppliedOnce(Vertx vertx, VertxTestContext ctx) {
    String to = "+14155550124";
    deploy(vertx, SimulatedCarrier.Quirk.REPORT_TWICE, to)
        .compose(carrier -> sending(to, 1))
        .compose(message -> submit(vertx, message).compose(result -> finalState(vertx, message.sid())))
        // Both reports have been handed on by the time the carrier closes.
        .compose(delivered -> carriers.get(0).close().map(delivered))
        .compose(delivered -> callbackStatuses(delivered.sid()))
        .onComplete(ctx.succeeding(statuses -> ctx.verify(() -> {
          assertThat(statuses).containsExactly(MessageStatus.SENT, MessageStatus.DELIVERED);
          ctx.completeNow();
        })));
  }

  @Test
  void aReportBeforeTheAnswerIsAppliedOnceTheIdsAreWritten(Vertx vertx, VertxTestContext ctx) {
    String to = "+15005559991";
    deploy(vertx, SimulatedCarrier.Quirk.REPORT_BEFORE_ANSWER, to)
        .compose(carrier -> sending(to, 1))
        .compose(message -> submit(vertx, message).compose(result -> finalState(vertx, message.sid())))
        .onComplete(ctx.succeeding(undelivered -> ctx.verify(() -> {
          assertThat(undelivered.status()).isEqualTo(MessageStatus.UNDELIVERED);
          assertThat(undelivered.errorCode()).isEqualTo(30003);
          assertThat(undelivered.dateSent()).isNotNull();
          ctx.completeNow();
        })));
  }

  @Test
  void afterARestartTheSimulatedCarrierReportsWhatItAcceptedAndNeverReported(
      Vertx vertx, VertxTestContext ctx) {
    // The store as a crashed gateway left it: sent, with the carrier's ids, never reported.
    Future<Message> owed = sending("+14155550125", 2).compose(message -> store.applyStatusChanges(
            List.of(StatusChange.sent(message.sid(), Instant.now()).withCarrierIds(
                new io.tern.message.CarrierMessageIds("simulated", List.of("lost-1", "lost-2")))))
        .map(sent -> sent.get(0)));
    owed.compose(message -> deploy(vertx, null, null).map(message))
        .compose(message -> finalState(vertx, message.sid()))
        .onComplete(ctx.succeeding(delivered -> ctx.verify(() -> {
          assertThat(delivered.status()).isEqualTo(MessageStatus.DELIVERED);
          ctx.completeNow();
        })));
  }

  @Test
  void aReceivedMessageGoesToTheInboundAddressAndIsAcknowledgedAfterItsReply(
      Vertx vertx, VertxTestContext ctx) {
    Promise<Void> committed = Promise.promise();
    List<InboundSms> received = new CopyOnWriteArrayList<>();
    vertx.eventBus().<InboundSms>localConsumer(Addresses.INBOUND_RECEIVED, delivery -> {
      received.add(delivery.body());
      committed.future().onSuccess(done -> delivery.reply(null));
    });
    deploy(vertx, null, null)
        .compose(carrier -> {
          Future<Void> acknowledged = carrier.receive(InboundFixture.text("+14155550999", NUMBER, "STOP"));
          return waitFor(vertx, () -> !received.isEmpty()).compose(handed -> {
            assertThat(acknowledged.isComplete()).isFalse();
            committed.complete();
            return acknowledged;
          });
        })
        .onComplete(ctx.succeeding(acknowledged -> ctx.verify(() -> {
          assertThat(received).extracting(InboundSms::text).containsExactly("STOP");
          assertThat(received.get(0).connection()).isEqualTo("simulated");
          ctx.completeNow();
        })));
  }

  @Test
  void anInjectedMessageGoesThroughTheSimulatedCarriersInboundHook(Vertx vertx, VertxTestContext ctx) {
    Promise<Void> committed = Promise.promise();
    List<InboundSms> received = new CopyOnWriteArrayList<>();
    vertx.eventBus().<InboundSms>localConsumer(Addresses.INBOUND_RECEIVED, delivery -> {
      received.add(delivery.body());
      committed.future().onSuccess(done -> delivery.reply("SM-stored"));
    });
    InboundSms sms = InboundFixture.text("+14155550999", NUMBER, "injected");
    deploy(vertx, null, null)
        .compose(carrier -> {
          Future<?> injected = vertx.eventBus().request(Addresses.SIMULATED_INBOUND, sms,
              LocalCodec.localOnly());
          return waitFor(vertx, () -> !received.isEmpty()).compose(handed -> {
            assertThat(injected.isComplete()).as("answered only once committed").isFalse();
            committed.complete();
            return injected;
          }).compose(acknowledged -> carrier.close())
              // A closed carrier takes nothing: the injection goes through it, not around it.
              .compose(closed -> vertx.eventBus().request(Addresses.SIMULATED_INBOUND,
                  InboundFixture.text("+14155550998", NUMBER, "too late"), LocalCodec.localOnly()));
        })
        .onComplete(ctx.failing(refused -> ctx.verify(() -> {
          assertThat(refused.getMessage()).contains("closed");
          assertThat(received).containsExactly(sms);
          ctx.completeNow();
        })));
  }

  @Test
  void aReceivedMessageNobodyCommitsIsNotAcknowledged(Vertx vertx, VertxTestContext ctx) {
    vertx.eventBus().<InboundSms>localConsumer(Addresses.INBOUND_RECEIVED,
        delivery -> delivery.fail(503, "store unavailable"));
    deploy(vertx, null, null)
        .compose(carrier -> carrier.receive(InboundFixture.text("+14155550999", NUMBER, "Hi")))
        .onComplete(ctx.failingThenComplete());
  }

  @Test
  void withoutAnInboundConsumerAReceivedMessageIsNotAcknowledged(Vertx vertx, VertxTestContext ctx) {
    deploy(vertx, null, null)
        .compose(carrier -> carrier.receive(InboundFixture.text("+14155550999", NUMBER, "Hi")))
        .onComplete(ctx.failingThenComplete());
  }

  private static Future<Void> waitFor(Vertx vertx, BooleanSupplier condition) {
    if (condition.getAsBoolean()) {
      return Future.succeededFuture();
    }
    Promise<Void> promise = Promise.promise();
    vertx.setTimer(10, id -> waitFor(vertx, condition).onComplete(promise));
    return promise.future();
  }
}
