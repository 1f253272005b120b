package io.tern.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.bus.Addresses;
import io.tern.message.Message;
import io.tern.message.MessageFixture;
import io.tern.message.MessageStatus;
import io.tern.message.Sids;
import io.tern.message.StatusChange;
import io.tern.metrics.BatchMeter;
import io.tern.metrics.StatusWriteMeter;
import io.tern.store.LastSend;
import io.tern.store.MessageLifecycle;
import io.tern.store.QueuedMessage;
import io.tern.store.SenderBacklog;
import io.tern.store.SenderQueueDepth;
import io.tern.store.memory.InMemoryAccountRegistry;
import io.tern.store.memory.InMemoryMessageStore;
import io.tern.testing.Eventually;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.ConnectException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The status writer through an outage of its store: what is handed over is committed once the
 * store is back, in order; past its bound it refuses, loudly; one change the store rejects holds
 * up no other. And how it batches: an idle writer's lone change goes at once, a small batch under
 * load waits for company.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class StatusWriterVerticleTest {
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
  private static final String ACCOUNT = Sids.generate(Sids.ACCOUNT);

  private final InMemoryMessageStore messages = new InMemoryMessageStore(new InMemoryAccountRegistry());
  private final FlakyLifecycle store = new FlakyLifecycle(messages);
  private final CountingMeter meter = new CountingMeter();

  @Test
  void changesHandedOverDuringAnOutageAreCommittedInOrderWhenItEnds(Vertx vertx, VertxTestContext ctx) {
    String sid = Sids.generate(Sids.MESSAGE);
    // Back after three failed tries, counted rather than timed: a timer bringing it back raced
    // the writer's own retry timer. The writer keeps both changes meanwhile.
    store.triesRefused.set(3);
    deploy(vertx, 100)
        .compose(writes -> messages.insert(queued(sid), null).map(writes))
        .compose(writes -> {
          Future<Optional<Message>> sent = writes.write(StatusChange.sent(sid, T0.plusSeconds(1)));
          Future<Optional<Message>> delivered =
              writes.write(StatusChange.delivered(sid, T0.plusSeconds(2), null));
          return Future.all(sent, delivered);
        })
        .compose(both -> messages.findBySids(List.of(sid)).map(found -> {
          ctx.verify(() -> {
            assertThat(both.<Optional<Message>>resultAt(0)).get()
                .extracting(Message::status).isEqualTo(MessageStatus.SENT);
            assertThat(both.<Optional<Message>>resultAt(1)).get()
                .extracting(Message::status).isEqualTo(MessageStatus.DELIVERED);
            assertThat(found.get(0).status()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(found.get(0).dateSent()).isEqualTo(T0.plusSeconds(1));
            assertThat(store.failures.get()).isEqualTo(3);
            assertThat(meter.retried.get()).as("changes put back for a retry")
                .isEqualTo(store.refusedChanges.get());
            assertThat(meter.pending.getAsLong()).isZero();
          });
          return found;
        }))
        .onComplete(ctx.succeeding(x -> ctx.completeNow()));
  }

  @Test
  void aChangeCommittedBeforeTheConnectionDroppedIsAnsweredAsApplied(Vertx vertx, VertxTestContext ctx) {
    String sid = Sids.generate(Sids.MESSAGE);
    String other = Sids.generate(Sids.MESSAGE);
    store.answersLost.set(1);
    deploy(vertx, 100)
        .compose(writes -> Future.all(messages.insert(queued(sid), null), messages.insert(queued(other), null))
            .map(writes))
        .compose(writes -> messages.applyStatusChanges(
                List.of(StatusChange.to(other, MessageStatus.SENDING, T0)))
            .compose(elsewhere -> {
              // The first try of sid's change commits and its answer is lost; its retry finds the
              // message already sending. other was moved by someone else: its retry is not ours.
              Future<Optional<Message>> mine =
                  writes.write(StatusChange.to(sid, MessageStatus.SENDING, T0.plusSeconds(1)));
              Future<Optional<Message>> notMine =
                  writes.write(StatusChange.to(other, MessageStatus.SENDING, T0.plusSeconds(1)));
              return Future.all(mine, notMine);
            }))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat(store.failures.get()).isEqualTo(1);
          // Answered as applied, so a throttle goes on to hand the message to the carrier.
          assertThat(both.<Optional<Message>>resultAt(0)).get()
              .extracting(Message::status).isEqualTo(MessageStatus.SENDING);
          assertThat(both.<Optional<Message>>resultAt(1)).isEmpty();
          // Counted once, as applied: its first try's commit is the one that counts.
          assertThat(meter.applied).extracting(Message::sid).containsExactly(sid);
          ctx.completeNow();
        })));
  }

  @Test
  void aRetriedClaimOfAMessageClaimedBeforeIsNotAnsweredAsApplied(Vertx vertx,
      VertxTestContext ctx) {
    // A shard may claim a message that an earlier claim moved to sending already (a refill
    // loads sending messages too). If that claim's answer is lost, its retry finds the status
    // it asked for, but set at the earlier claim's time: not its own, so the message must not
    // go to the carrier a second time.
    String sid = Sids.generate(Sids.MESSAGE);
    store.answersLost.set(1);
    deploy(vertx, 100)
        .compose(writes -> messages.insert(queued(sid), null)
            .compose(x -> messages.applyStatusChanges(
                List.of(StatusChange.to(sid, MessageStatus.SENDING, T0))))
            .compose(claimedBefore ->
                writes.write(StatusChange.to(sid, MessageStatus.SENDING, T0.plusSeconds(1)))))
        .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          assertThat(store.failures.get()).as("the answer was lost once").isEqualTo(1);
          assertThat(answer).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  void eachAppliedChangeIsToldToTheMeterAndNoOther(Vertx vertx, VertxTestContext ctx) {
    // The meter counts carrier outcomes: a change that did not apply (here a second claim of a
    // message already sending) must not be counted, or the outcome counts would exceed the store.
    String sid = Sids.generate(Sids.MESSAGE);
    deploy(vertx, 100)
        .compose(writes -> messages.insert(queued(sid), null)
            .compose(x -> writes.write(StatusChange.to(sid, MessageStatus.SENDING, T0)))
            .compose(x -> writes.write(StatusChange.to(sid, MessageStatus.SENDING, T0.plusSeconds(1))))
            .compose(x -> writes.write(StatusChange.sent(sid, T0.plusSeconds(2)))))
        .onComplete(ctx.succeeding(sent -> ctx.verify(() -> {
          assertThat(sent).isPresent();
          assertThat(meter.applied).extracting(Message::status)
              .containsExactly(MessageStatus.SENDING, MessageStatus.SENT);
          assertThat(meter.applied).extracting(Message::sid).containsOnly(sid);
          ctx.completeNow();
        })));
  }

  @Test
  void pastItsBoundTheWriterRefusesNewChangesAndKeepsTheOnesItHolds(Vertx vertx, VertxTestContext ctx) {
    List<String> sids = List.of(Sids.generate(Sids.MESSAGE), Sids.generate(Sids.MESSAGE),
        Sids.generate(Sids.MESSAGE));
    store.down = true;
    deploy(vertx, 2)
        .compose(writes -> Future.all(sids.stream().map(sid -> messages.insert(queued(sid), null)).toList())
            .map(writes))
        .compose(writes -> {
          List<Future<Optional<Message>>> results = sids.stream()
              .map(sid -> writes.write(StatusChange.sent(sid, T0.plusSeconds(1))))
              .toList();
          return results.get(2).transform(third -> {
            ctx.verify(() -> {
              assertThat(third.failed()).isTrue();
              assertThat(third.cause()).isInstanceOf(StatusWriteRefusedException.class);
              assertThat(meter.refused.get()).isEqualTo(1);
              assertThat(meter.pending.getAsLong()).isEqualTo(2);
            });
            store.down = false;
            return Future.all(results.get(0), results.get(1));
          });
        })
        .compose(held -> messages.findBySids(sids))
        .onComplete(ctx.succeeding(found -> ctx.verify(() -> {
          assertThat(found).extracting(Message::status)
              .containsExactly(MessageStatus.SENT, MessageStatus.SENT, MessageStatus.QUEUED);
          ctx.completeNow();
        })));
  }

  @Test
  void flushCompletesOnceEveryEarlierChangeIsCommitted(Vertx vertx, VertxTestContext ctx) {
    String sid = Sids.generate(Sids.MESSAGE);
    store.down = true;
    deploy(vertx, 100)
        .compose(writes -> messages.insert(queued(sid), null).map(writes))
        .compose(writes -> {
          writes.write(StatusChange.sent(sid, T0.plusSeconds(1)));
          Future<Void> flushed = writes.flush().compose(done -> messages.findBySids(List.of(sid)))
              .map(found -> {
                ctx.verify(() -> assertThat(found.get(0).status()).isEqualTo(MessageStatus.SENT));
                return null;
              });
          return vertx.timer(200).compose(later -> {
            ctx.verify(() -> assertThat(flushed.isComplete()).as("flushed while the store is down").isFalse());
            store.down = false;
            return flushed;
          });
        })
        .onComplete(ctx.succeeding(x -> ctx.completeNow()));
  }

  @Test
  void aChangeTheStoreRejectsHoldsUpNoOther(Vertx vertx, VertxTestContext ctx) {
    String good = Sids.generate(Sids.MESSAGE);
    String bad = Sids.generate(Sids.MESSAGE);
    store.rejectedSid = bad;
    // Down at first, so both changes wait and go in one batch, which the store then rejects.
    store.down = true;
    deploy(vertx, 100)
        .compose(writes -> Future.all(messages.insert(queued(good), null), messages.insert(queued(bad), null))
            .map(writes))
        .compose(writes -> {
          Future<Optional<Message>> rejected = writes.write(StatusChange.sent(bad, T0.plusSeconds(1)));
          Future<Optional<Message>> applied = writes.write(StatusChange.sent(good, T0.plusSeconds(1)));
          vertx.setTimer(100, up -> store.down = false);
          return Future.join(rejected, applied).otherwiseEmpty()
              .compose(both -> {
                ctx.verify(() -> {
                  assertThat(rejected.failed()).isTrue();
                  assertThat(applied.result()).isPresent();
                });
                return messages.findBySids(List.of(good, bad));
              });
        })
        .onComplete(ctx.succeeding(found -> ctx.verify(() -> {
          assertThat(found).extracting(Message::status)
              .containsExactly(MessageStatus.SENT, MessageStatus.QUEUED);
          assertThat(meter.rejected.get()).isEqualTo(1);
          ctx.completeNow();
        })));
  }

  @Test
  void withNoWriterRunningAChangeFailsAtOnceRatherThanWaitForAnAnswer(Vertx vertx,
      VertxTestContext ctx) {
    StatusWrites.registerCodecs(vertx);
    new StatusWrites(vertx).write(StatusChange.sent(Sids.generate(Sids.MESSAGE), T0))
        .onComplete(ctx.failing(failure -> ctx.verify(() -> {
          assertThat(failure).isInstanceOfSatisfying(ReplyException.class,
              noWriter -> assertThat(noWriter.failureType()).isEqualTo(ReplyFailure.NO_HANDLERS));
          ctx.completeNow();
        })));
  }

  @Test
  void anIdleWritersLoneChangeGoesAtOnce(Vertx vertx, VertxTestContext ctx) {
    // A minute's linger, three times this test's timeout: a lone change that lingered fails it.
    deployLingering(vertx, 60_000)
        .compose(writes -> writes.write(StatusChange.sent(Sids.generate(Sids.MESSAGE), T0)))
        .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          assertThat(store.batchSizes).containsExactly(1);
          ctx.completeNow();
        })));
  }

  @Test
  void underLoadASmallBatchWaitsForCompanyUntilEnoughCome(Vertx vertx, VertxTestContext ctx) {
    // Batch sizes: 1 (idle), then 2 (what waited meanwhile; the batch before held one change,
    // so no linger), then a change that lingers (the batch before held two) until 63 more make
    // 64. The linger is a minute, three times this test's timeout.
    store.gated = true;
    deployLingering(vertx, 60_000)
        .compose(writes -> underLoad(vertx, writes)
            .compose(x -> {
              writes.write(sent());
              return handedOver(vertx);
            })
            .compose(x -> {
              ctx.verify(() -> assertThat(store.batchSizes).as("nothing went alone")
                  .containsExactly(1, 2));
              List<Future<Optional<Message>>> more = new ArrayList<>();
              for (int i = 0; i < StatusWriterVerticle.LINGER_BELOW - 1; i++) {
                more.add(writes.write(sent()));
              }
              return Future.all(more);
            }))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(store.batchSizes).containsExactly(1, 2, StatusWriterVerticle.LINGER_BELOW);
          ctx.completeNow();
        })));
  }

  @Test
  void aLingeringBatchGoesWhenItsTimeIsUp(Vertx vertx, VertxTestContext ctx) {
    store.gated = true;
    deployLingering(vertx, 50)
        .compose(writes -> underLoad(vertx, writes).compose(x -> writes.write(sent())))
        .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          assertThat(store.batchSizes).containsExactly(1, 2, 1);
          ctx.completeNow();
        })));
  }

  @Test
  void stoppingWritesALingeringBatchAtOnce(Vertx vertx, VertxTestContext ctx) {
    store.gated = true;
    StatusWrites writes = new StatusWrites(vertx);
    deployWriter(vertx, new StatusWriterVerticle(store, BatchMeter.NONE, meter, 100, 60_000))
        .compose(id -> underLoad(vertx, writes).compose(x -> {
          Future<Optional<Message>> lingering = writes.write(sent());
          return handedOver(vertx)
              .compose(later -> vertx.undeploy(id))
              .compose(stopped -> {
                // The writer stops once its last batch is committed; the answer reaches this
                // context just after, so the batch is what shows it went before the stop.
                ctx.verify(() -> assertThat(store.batchSizes).as("written before the writer stopped")
                    .containsExactly(1, 2, 1));
                return lingering;
              });
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void onlyAChangeThatMayHaveWrittenACallbackWakesTheCallbackReader(Vertx vertx,
      VertxTestContext ctx) {
    String plain = Sids.generate(Sids.MESSAGE);
    String reported = Sids.generate(Sids.MESSAGE);
    AtomicInteger hints = new AtomicInteger();
    vertx.eventBus().localConsumer(Addresses.CALLBACKS_PENDING, hint -> hints.incrementAndGet());
    deploy(vertx, 100)
        .compose(writes -> messages.insert(queued(plain), null)
            .compose(x -> messages.insert(MessageFixture.queued(reported, ACCOUNT, "+14155550100", T0)
                .statusCallback("https://example.com/status").build(), null))
            .compose(x -> writes.write(StatusChange.sent(plain, T0)))
            .compose(x -> writes.write(StatusChange.to(reported, MessageStatus.SENDING, T0)))
            .compose(x -> handedOver(vertx))
            .map(x -> {
              ctx.verify(() -> assertThat(hints.get())
                  .as("after a change without a callback URL, and a sending Twilio does not report")
                  .isZero());
              return writes;
            }))
        .compose(writes -> writes.write(StatusChange.sent(reported, T0.plusSeconds(1))))
        .compose(x -> Eventually.poll(vertx, () -> Future.succeededFuture(hints.get()), n -> n > 0, 10_000))
        .onComplete(ctx.succeeding(n -> ctx.verify(() -> {
          assertThat(n).isEqualTo(1);
          ctx.completeNow();
        })));
  }

  /**
   * Brings the writer under load: a lone change, then two that wait for it and go together.
   * Ends with both batches committed and the store no longer holding batches back.
   */
  private Future<Void> underLoad(Vertx vertx, StatusWrites writes) {
    writes.write(sent());
    return heldBatches(vertx, 1)
        .compose(x -> {
          writes.write(sent());
          writes.write(sent());
          return handedOver(vertx);
        })
        .compose(x -> {
          store.release(0);
          return heldBatches(vertx, 2);
        })
        .compose(x -> {
          store.gated = false;
          store.release(1);
          return handedOver(vertx);
        });
  }

  /**
   * Time for writes sent on the event bus to reach the writer. It is not measured: the writer
   * reads them in microseconds; this is a generous bound.
   */
  private static Future<Void> handedOver(Vertx vertx) {
    return vertx.timer(250).mapEmpty();
  }

  private static StatusChange sent() {
    return StatusChange.sent(Sids.generate(Sids.MESSAGE), T0);
  }

  /** Waits until the store holds {@code count} batches back in all. */
  private Future<Integer> heldBatches(Vertx vertx, int count) {
    return Eventually.poll(vertx, () -> Future.succeededFuture(store.held.size()), n -> n >= count, 10_000);
  }

  private Future<StatusWrites> deploy(Vertx vertx, int maxPending) {
    return deployWriter(vertx, new StatusWriterVerticle(store, BatchMeter.NONE, meter, maxPending))
        .map(id -> new StatusWrites(vertx));
  }

  private Future<StatusWrites> deployLingering(Vertx vertx, long lingerMillis) {
    return deployWriter(vertx, new StatusWriterVerticle(store, BatchMeter.NONE, meter, 100, lingerMillis))
        .map(id -> new StatusWrites(vertx));
  }

  /** Deploys the writer with the codecs its messages need; its deployment id. */
  private static Future<String> deployWriter(Vertx vertx, StatusWriterVerticle writer) {
    StatusWrites.registerCodecs(vertx);
    return vertx.deployVerticle(writer);
  }

  private static Message queued(String sid) {
    return MessageFixture.queued(sid, ACCOUNT, "+14155550100", T0).build();
  }

  /** The in-memory lifecycle, out of reach while {@code down}, and refusing one sid's changes. */
  private static final class FlakyLifecycle implements MessageLifecycle {
    private final MessageLifecycle store;
    final AtomicInteger failures = new AtomicInteger();
    volatile boolean down;
    /** The next tries fail as if the store were down, then it is back. */
    final AtomicInteger triesRefused = new AtomicInteger();
    /** Changes in the tries refused as an outage. */
    final AtomicInteger refusedChanges = new AtomicInteger();
    volatile String rejectedSid;
    /** The next batches commit and then fail as if the connection dropped before the answer. */
    final AtomicInteger answersLost = new AtomicInteger();
    /** The size of every batch asked for, in order. */
    final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    /** While set, each batch is held until {@link #release} lets it go on. */
    volatile boolean gated;
    /** One releaser per batch held, in order. */
    final List<Runnable> held = new CopyOnWriteArrayList<>();

    FlakyLifecycle(MessageLifecycle store) {
      this.store = store;
    }

    /** Lets held batch {@code index} (0-based) go on, on the writer's context. */
    void release(int index) {
      held.get(index).run();
    }

    @Override
    public Future<List<Message>> applyStatusChanges(List<StatusChange> changes) {
      batchSizes.add(changes.size());
      if (gated) {
        Context writer = Vertx.currentContext();
        Promise<Void> gate = Promise.promise();
        held.add(() -> writer.runOnContext(go -> gate.complete()));
        return gate.future().compose(open -> apply(changes));
      }
      return apply(changes);
    }

    private Future<List<Message>> apply(List<StatusChange> changes) {
      if (down || triesRefused.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
        failures.incrementAndGet();
        refusedChanges.addAndGet(changes.size());
        return Future.failedFuture(new ConnectException("Connection refused"));
      }
      if (changes.stream().anyMatch(change -> change.sid().equals(rejectedSid))) {
        return Future.failedFuture(new IllegalArgumentException("invalid byte sequence"));
      }
      if (answersLost.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
        failures.incrementAndGet();
        return store.applyStatusChanges(changes)
            .transform(committed -> Future.failedFuture(new ConnectException("Connection reset")));
      }
      return store.applyStatusChanges(changes);
    }

    @Override
    public Future<List<SenderBacklog>> backlog() {
      return store.backlog();
    }

    @Override
    public Future<SenderQueueDepth> queueDepth(String senderKey) {
      return store.queueDepth(senderKey);
    }

    @Override
    public Future<Optional<LastSend>> lastSend(String senderKey) {
      return store.lastSend(senderKey);
    }

    @Override
    public Future<Integer> requeueInterrupted() {
      return store.requeueInterrupted();
    }

    @Override
    public Future<Integer> requeueInterrupted(Collection<String> senderKeys) {
      return store.requeueInterrupted(senderKeys);
    }

    @Override
    public Future<List<Message>> queuedForSender(String senderKey, Instant afterCreated, String afterSid, int limit) {
      return store.queuedForSender(senderKey, afterCreated, afterSid, limit);
    }

    @Override
    public Future<List<QueuedMessage>> senderQueue(String senderKey, Instant afterCreated, String afterSid, int limit) {
      return store.senderQueue(senderKey, afterCreated, afterSid, limit);
    }

    @Override
    public Future<List<Message>> findByStatus(MessageStatus status, Instant afterCreated, String afterSid, int limit) {
      return store.findByStatus(status, afterCreated, afterSid, limit);
    }

    @Override
    public Future<List<Message>> findBySids(Collection<String> sids) {
      return store.findBySids(sids);
    }
  }

  private static final class CountingMeter implements StatusWriteMeter {
    final List<Message> applied = new CopyOnWriteArrayList<>();
    final AtomicInteger retried = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger rejected = new AtomicInteger();
    LongSupplier pending = () -> -1;

    @Override
    public void applied(Message message) {
      applied.add(message);
    }

    @Override
    public void pending(LongSupplier waiting) {
      pending = waiting;
    }

    @Override
    public void retried(int changes) {
      retried.addAndGet(changes);
    }

    @Override
    public void refused() {
      refused.incrementAndGet();
    }

    @Override
    public void rejected() {
      rejected.incrementAndGet();
    }
  }
}
