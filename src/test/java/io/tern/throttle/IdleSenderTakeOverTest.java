package io.tern.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Components;
import io.tern.bus.Addresses;
import io.tern.bus.LocalCodec;
import io.tern.carrier.CarrierRequest;
import io.tern.carrier.SubmitResult;
import io.tern.config.TernConfig;
import io.tern.health.GatewayHealth;
import io.tern.message.Message;
import io.tern.message.MessageFixture;
import io.tern.message.Sids;
import io.tern.message.StatusChange;
import io.tern.metrics.TernMetrics;
import io.tern.status.StatusWriterVerticle;
import io.tern.store.MessageStore;
import io.tern.store.memory.InMemoryAccountRegistry;
import io.tern.store.memory.InMemoryMessageStore;
import io.tern.testing.OffsetClock;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A sender with nothing queued when its shard starts here (taken over from another pod, or a
 * restarted gateway) is held from its latest send in the store before its first message here
 * goes, as one with a backlog is; a sender that never sent is not; once no send from before the
 * start can hold anyone, the store is not read per message.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class IdleSenderTakeOverTest {
  private static final String ACCOUNT = Sids.generate(Sids.ACCOUNT);
  /** US long codes: 1 segment per second. */
  private static final String HELD = "+14155550171";

  private final TernConfig config = TestGateway.config(Map.of());
  private final int shard = Addresses.shardOf(HELD, config.throttle().shards());
  private final InMemoryAccountRegistry registry = new InMemoryAccountRegistry();
  private final InMemoryMessageStore messages = new InMemoryMessageStore(registry);
  private final OffsetClock clock = new OffsetClock();
  private final Map<String, AtomicInteger> lastSendReads = new ConcurrentHashMap<>();
  private final Map<String, Instant> releasedAt = new ConcurrentHashMap<>();
  private final List<String> submitted = new CopyOnWriteArrayList<>();

  @BeforeEach
  void carrier(Vertx vertx) {
    LocalCodec.register(vertx, Message.class, StatusChange.class, CarrierRequest.class, SubmitResult.class);
    ShardMessageCodec.register(vertx);
    vertx.eventBus().<CarrierRequest>localConsumer(Addresses.CARRIER_SUBMIT, request -> {
      String sid = request.body().sms().messageSid();
      releasedAt.put(sid, request.body().releasedAt());
      submitted.add(sid);
      request.reply(SubmitResult.sent("carrier-" + sid), LocalCodec.localOnly());
    });
  }

  @Test
  void aSenderWithNothingQueuedWaitsOutThePreviousOwnersLastSend(Vertx vertx, VertxTestContext ctx) {
    String fresh = senderOfTheShard(1);
    String later = senderOfTheShard(2);
    // The previous owner released a 4-segment message of HELD a second before this shard starts.
    Instant lastSent = clock.instant().minusSeconds(1).truncatedTo(ChronoUnit.MICROS);
    Message previous = MessageFixture.queued(Sids.generate(Sids.MESSAGE), ACCOUNT, HELD,
        lastSent.minusSeconds(1)).numSegments(4).build();
    Message held = queued(HELD);
    Message notHeld = queued(fresh);
    Components components = components(vertx, countingLastSend(messages, Map.of()));
    MessageRouting routing = new MessageRouting(vertx, config);

    messages.insert(previous, null)
        .compose(inserted -> messages.applyStatusChanges(
            List.of(StatusChange.sent(previous.sid(), lastSent, lastSent, null, null))))
        .compose(sent -> vertx.deployVerticle(new StatusWriterVerticle(messages)))
        .compose(writer -> vertx.deployVerticle(new ThrottleVerticle(shard, components)))
        .compose(started -> Future.all(messages.insert(held, null), messages.insert(notHeld, null)))
        .compose(inserted -> {
          routing.route(held);
          routing.route(notHeld);
          return submittedAll(vertx, held.sid(), notHeld.sid());
        })
        .compose(both -> {
          ctx.verify(() -> {
            Instant holdEnds = lastSent.plusSeconds(4);
            assertThat(releasedAt.get(held.sid())).isAfterOrEqualTo(holdEnds);
            // Never sent: it goes at once, long before HELD's hold is over.
            assertThat(releasedAt.get(notHeld.sid())).isBefore(holdEnds);
            assertThat(reads(HELD)).isEqualTo(1);
            assertThat(reads(fresh)).isEqualTo(1);
          });
          // Past the longest hold any send from before the start can impose at 1/s.
          clock.advance(Duration.ofSeconds(ThrottleVerticle.MOST_SEGMENTS_PER_MESSAGE + 1));
          Message afterTheBound = queued(later);
          return messages.insert(afterTheBound, null).compose(inserted -> {
            routing.route(afterTheBound);
            return submittedAll(vertx, afterTheBound.sid());
          });
        })
        .onComplete(ctx.succeeding(sent -> ctx.verify(() -> {
          assertThat(reads(later)).isZero();
          assertThat(lastSendReads.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(2);
          ctx.completeNow();
        })));
  }

  @Test
  void messagesArrivingWhileTheLatestSendIsReadQueueBehindTheFirst(Vertx vertx, VertxTestContext ctx) {
    Promise<Void> asked = Promise.promise();
    Promise<Void> answer = Promise.promise();
    Instant created = clock.instant().truncatedTo(ChronoUnit.MICROS);
    List<Message> three = IntStream.range(0, 3)
        .mapToObj(i -> MessageFixture.queued(Sids.generate(Sids.MESSAGE), ACCOUNT, HELD,
            created.plusMillis(i)).build())
        .toList();
    // Only the first read waits: a later one per message would answer at once and overtake it.
    Components components = components(vertx, countingLastSend(messages, Map.of(HELD, new Gate(asked, answer))));
    MessageRouting routing = new MessageRouting(vertx, config);

    vertx.deployVerticle(new StatusWriterVerticle(messages))
        .compose(writer -> vertx.deployVerticle(new ThrottleVerticle(shard, components)))
        .compose(started -> Future.all(three.stream().map(m -> messages.insert(m, null)).toList()))
        .compose(inserted -> {
          routing.route(three.get(0));
          return asked.future();
        })
        .compose(reading -> {
          Promise<Void> handled = Promise.promise();
          AtomicInteger deliveries = new AtomicInteger();
          vertx.eventBus().addInboundInterceptor(delivery -> {
            delivery.next();
            // next() ran the shard's handler: the message is in the shard's hands.
            if (delivery.message().address().equals(Addresses.throttle(shard))
                && deliveries.incrementAndGet() == 2) {
              handled.tryComplete();
            }
          });
          routing.route(three.get(1));
          routing.route(three.get(2));
          return handled.future();
        })
        .compose(routed -> {
          answer.complete();
          return submittedAll(vertx, three.stream().map(Message::sid).toArray(String[]::new));
        })
        .onComplete(ctx.succeeding(sent -> ctx.verify(() -> {
          assertThat(submitted).containsExactlyElementsOf(three.stream().map(Message::sid).toList());
          assertThat(reads(HELD)).isEqualTo(1);
          ctx.completeNow();
        })));
  }

  private Components components(Vertx vertx, MessageStore store) {
    return new Components(config, store, registry, clock, TernMetrics.disabled(),
        new GatewayHealth(vertx));
  }

  private Message queued(String from) {
    return MessageFixture.queued(Sids.generate(Sids.MESSAGE), ACCOUNT, from,
        clock.instant().truncatedTo(ChronoUnit.MICROS)).build();
  }

  private int reads(String senderKey) {
    AtomicInteger count = lastSendReads.get(senderKey);
    return count == null ? 0 : count.get();
  }

  /** Another US long code whose key hashes to the same shard as HELD. */
  private String senderOfTheShard(int nth) {
    return IntStream.range(0, 10_000)
        .mapToObj(i -> String.format("+1415555%04d", i))
        .filter(number -> !number.equals(HELD))
        .filter(number -> Addresses.shardOf(number, config.throttle().shards()) == shard)
        .skip(nth - 1)
        .findFirst()
        .orElseThrow();
  }

  private Future<Void> submittedAll(Vertx vertx, String... sids) {
    Promise<Void> all = Promise.promise();
    vertx.setPeriodic(20, id -> {
      if (submitted.containsAll(List.of(sids))) {
        vertx.cancelTimer(id);
        all.tryComplete();
      }
    });
    return all.future();
  }

  /** A read of the latest send that says it was asked and answers only once released. */
  private record Gate(Promise<Void> asked, Promise<Void> answer) {}

  /** The store, counting reads of a sender's latest send; the first read of a gated sender waits. */
  private MessageStore countingLastSend(MessageStore store, Map<String, Gate> gates) {
    return (MessageStore) Proxy.newProxyInstance(MessageStore.class.getClassLoader(),
        new Class<?>[] {MessageStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("lastSend")) {
            String key = (String) args[0];
            int reads = lastSendReads.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            Gate gate = gates.get(key);
            if (gate != null && reads == 1) {
              gate.asked().tryComplete();
              return gate.answer().future().compose(go -> store.lastSend(key));
            }
          }
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
