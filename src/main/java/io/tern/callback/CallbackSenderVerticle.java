package io.tern.callback;

import io.tern.outbound.OutboundOptions;
import io.tern.Components;
import io.tern.bus.Addresses;
import io.tern.config.TernConfig;
import io.tern.metrics.TernMetrics;
import io.tern.outbound.OutboundGuard;
import io.tern.outbound.OutboundRules;
import io.tern.store.Account;
import io.tern.store.AccountRegistry;
import io.tern.store.CallbackAttempt;
import io.tern.store.CallbackOutbox;
import io.tern.store.PendingCallback;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Delivers status callbacks from the outbox, one instance per node.
 *
 * <p>It reads what is due ({@link CallbackOutbox#dueCallbacks}) every {@code pollMillis}, at once
 * when the status writer announces new callbacks ({@link Addresses#CALLBACKS_PENDING}), and
 * again when a callback finishes, since the message's next one may now be due (unless a batch
 * or more already waits to be posted; see {@code wantsMore()}). One read at
 * a time; a request to read during a read runs once right after it. The store hands out only the
 * oldest unfinished callback of each message, so a message's callbacks go one after the other
 * in order, while callbacks of different messages go in parallel.
 *
 * <p>Callbacks read are held by id until their attempt is recorded, so none is posted twice at
 * once; ids recorded while a read was on its way are not taken from that (possibly older)
 * read. Posts to one host (scheme, host, port) are capped at {@code maxConnectionsPerHost}, the
 * HTTP client's pool size per endpoint too (a post's slot is freed when it is answered, not when
 * its attempt is recorded); callbacks over the cap wait in a queue per host, so
 * a slow receiver holds only its own connections and its own queue while other hosts'
 * callbacks go ahead. At most {@value #HELD_BATCHES} batches are held; a read leaves the held
 * ones out and asks for a batch of new ones, and a read that came back full is followed by
 * another at once while there is room, so a backlog (after a restart, or a receiver coming
 * back) is taken in at the pace of the posts rather than a batch per finish.
 *
 * <p>A host that does not answer backs off as a host ({@link HostOutages}): its due callbacks
 * park (skipped by reads, holding no connection) while one probes it, and all go when it answers.
 * Whatever goes wrong with one callback (a URL stored before today's checks) ends as that
 * callback's attempt, never as the read's failure.
 *
 * <p>Each attempt is recorded with its time, HTTP status and error, and the store acts on its
 * outcome ({@link RetryRules}). Attempts that finish while a record is being written are
 * written together next ({@link CallbackOutbox#recordCallbackAttempts}). Tokens, signatures and URLs (which may carry credentials) are
 * never logged; logs name the host.
 *
 * <p>On stop it reads no more, drops what waits (it stays due in the store), lets posts on the
 * wire finish and be recorded for up to the configured timeout, and abandons attempts still at
 * the outbound check, which have opened no connection.
 */
public final class CallbackSenderVerticle extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(CallbackSenderVerticle.class.getName());
  static final int HELD_BATCHES = 10;

  private final CallbackOutbox store;
  private final AccountRegistry accounts;
  private final Clock clock;
  private final CallbackOptions settings;
  private final OutboundOptions outbound;
  private final TernMetrics metrics;

  private HttpClient client;
  private CallbackPoster poster;
  private RetryRules retryRules;
  private HostOutages outages;
  private long pollTimer = -1;
  private MessageConsumer<Object> hints;

  /** Every callback read and not yet recorded: waiting, at the outbound check or on the wire. */
  private final Set<Long> held = new HashSet<>();
  /** Ids recorded since the current read started; that read may still show them as due. */
  private final Set<Long> settledDuringRead = new HashSet<>();
  private final Map<String, Deque<Ready>> waitingByHost = new HashMap<>();
  /** Callbacks in the host queues, read and not yet posted. */
  private int waiting;
  private final Map<String, Integer> activeByHost = new HashMap<>();
  private boolean reading;
  private Future<Void> lastRead = Future.succeededFuture();
  private boolean readAgain;
  private boolean stopping;
  /** Posts on the wire and attempts being recorded: what a stop waits for. */
  private int inFlight;
  private Promise<Void> drained;
  /** Attempts finished while a record was being written; written together next. */
  private List<Unrecorded> unrecorded = new ArrayList<>();
  private boolean recording;

  /** A callback with its request built, ready to go when its host has room. */
  private record Ready(PendingCallback callback, CallbackRequest request) {}

  /** A post's result and, when its host did not answer, when the host is tried again. */
  private record Posted(PostResult result, Instant hostRetryAt) {}

  /** A finished attempt waiting for its record to be written. */
  private record Unrecorded(CallbackAttempt attempt, Promise<Void> recorded) {}

  public CallbackSenderVerticle(Components components) {
    this.store = components.outbox();
    this.accounts = components.accounts();
    this.clock = components.clock();
    this.settings = components.config().callbacks();
    this.outbound = components.config().outbound();
    this.metrics = components.metrics();
  }

  @Override
  public Future<?> start() {
    client = vertx.createHttpClient(
        new HttpClientOptions()
            .setName("tern-callbacks")
            .setDecompressionSupported(false)
            .setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(settings.maxConnectionsPerHost()));
    OutboundGuard guard = new OutboundGuard(vertx, OutboundRules.fromConfig(
        outbound.allowLoopback(), outbound.deny(), outbound.allow()));
    poster = new CallbackPoster(vertx, client, guard, settings.timeoutMillis());
    retryRules = new RetryRules(
        new Backoff(Duration.ofMillis(settings.initialBackoffMillis()),
            Duration.ofMillis(settings.maxBackoffMillis())),
        Duration.ofHours(settings.deadlineHours()));
    Duration probeCeiling = Duration.ofMillis(
        Math.min(settings.maxBackoffMillis(), HostOutages.PROBE_CEILING.toMillis()));
    outages = new HostOutages(vertx,
        new Backoff(Duration.ofMillis(Math.min(settings.initialBackoffMillis(), probeCeiling.toMillis())),
            probeCeiling),
        heldCap() * HELD_BATCHES, host -> read());
    hints = vertx.eventBus().localConsumer(Addresses.CALLBACKS_PENDING, hint -> read());
    pollTimer = vertx.setPeriodic(settings.pollMillis(), tick -> read());
    return hints.completion().onSuccess(ready -> read());
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(pollTimer);
    waitingByHost.values().forEach(queue -> queue.forEach(ready -> held.remove(ready.callback().id())));
    waitingByHost.clear();
    waiting = 0;
    outages.clear();
    drained = Promise.promise();
    drainedIfIdle();
    // Posts whose URL asked for a longer timeout are cut here, so a stop takes at most the
    // configured timeout; they stay due and go again after the restart.
    long cutOff = vertx.setTimer(settings.timeoutMillis(), expired -> drained.tryComplete());
    drained.future().onComplete(done -> vertx.cancelTimer(cutOff));
    // A read on its way finishes before the store may close; it starts nothing new.
    return hints.unregister()
        .transform(unregistered -> lastRead)
        .transform(read -> drained.future())
        .compose(done -> client.close());
  }

  // Reading the outbox

  private void read() {
    if (stopping) {
      return;
    }
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    settledDuringRead.clear();
    int limit = settings.batchSize();
    Set<Long> skipping = new HashSet<>(held);
    skipping.addAll(outages.parkedIds());
    lastRead = store.dueCallbacks(clock.instant(), limit, skipping)
        .compose(due -> admit(due).<Void>map(admitted -> {
          // A full read may have left more due behind it: read on at once while there is room,
          // rather than wait for a finish or the poll, so a backlog is taken in as fast as the
          // posts can go (up to the cap on held callbacks).
          if (due.size() >= limit && admitted > 0 && held.size() < heldCap() && wantsMore()) {
            readAgain = true;
          }
          return null;
        }))
        .onFailure(e -> LOG.log(System.Logger.Level.WARNING, "Reading due callbacks failed", e))
        .onComplete(done -> {
          reading = false;
          if (readAgain) {
            readAgain = false;
            read();
          }
        })
        .recover(e -> Future.succeededFuture());
  }

  /**
   * Whether a read now would help: not while a batch or more waits for a free connection, when
   * reading on every finish would only lengthen the queue at the cost of a store round trip
   * each; a finish once the queues run low, a finish at a host with nothing waiting (so a slow
   * host's queue does not hold back the others), or the poll reads again.
   */
  private boolean wantsMore() {
    return waiting < settings.batchSize();
  }

  private int heldCap() {
    return settings.batchSize() * HELD_BATCHES;
  }

  /**
   * Takes the callbacks not held yet, up to the cap, and queues them behind their host; how many
   * it took.
   */
  private Future<Integer> admit(List<PendingCallback> due) {
    List<PendingCallback> fresh = new ArrayList<>();
    int room = heldCap() - held.size();
    for (PendingCallback callback : due) {
      if (fresh.size() >= room || stopping) {
        break;
      }
      if (!held.contains(callback.id()) && !settledDuringRead.contains(callback.id())) {
        held.add(callback.id());
        fresh.add(callback);
      }
    }
    if (fresh.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return authTokens(fresh)
        .onFailure(e -> fresh.forEach(callback -> held.remove(callback.id())))
        .map(tokens -> {
          // One callback at a time: whatever goes wrong with one is its own attempt's outcome,
          // never the end of the batch (the others would stay held and never be read again).
          fresh.forEach(callback -> enqueue(callback, tokens.get(callback.accountSid())));
          return fresh.size();
        });
  }

  /** The signing key of each account, read once per batch so a new token takes effect soon. */
  private Future<Map<String, Optional<String>>> authTokens(List<PendingCallback> callbacks) {
    Set<String> sids = new LinkedHashSet<>();
    callbacks.forEach(callback -> sids.add(callback.accountSid()));
    Map<String, Optional<String>> tokens = new HashMap<>();
    List<Future<Void>> lookups = new ArrayList<>();
    for (String sid : sids) {
      lookups.add(accounts.findAccount(sid)
          .map(account -> {
            tokens.put(sid, account.map(Account::authToken));
            return null;
          }));
    }
    return Future.all(lookups).map(tokens);
  }

  private void enqueue(PendingCallback callback, Optional<String> token) {
    if (stopping) {
      held.remove(callback.id());
      return;
    }
    if (token.isEmpty()) {
      finish(callback, "-", new CallbackAttempt(callback.id(), clock.instant(), null,
          "the account no longer exists", CallbackAttempt.Outcome.GAVE_UP, null));
      return;
    }
    CallbackRequest request;
    try {
      request = CallbackRequest.of(callback, token.get());
    } catch (URISyntaxException | RuntimeException e) {
      // Stored before the URL checks of today, or damaged: it can never be posted.
      finish(callback, "-", new CallbackAttempt(callback.id(), clock.instant(), null,
          "not a valid URL", CallbackAttempt.Outcome.GAVE_UP, null));
      return;
    }
    String host = request.hostKey();
    waitingByHost.computeIfAbsent(host, ignored -> new ArrayDeque<>())
        .add(new Ready(callback, request));
    waiting++;
    startWaiting(host);
  }

  // Delivering

  /**
   * Posts what waits for {@code host} while it has room; while the host is down its callbacks
   * park instead (they take no connection), all but the one probe its retry time lets through.
   */
  private void startWaiting(String host) {
    Deque<Ready> queue = waitingByHost.get(host);
    while (!stopping && queue != null && !queue.isEmpty()) {
      HostOutages.Turn turn = outages.turn(host, clock.instant());
      if (turn == HostOutages.Turn.PARK) {
        waiting--;
        park(queue.poll(), host);
        continue;
      }
      if (activeByHost.getOrDefault(host, 0) >= settings.maxConnectionsPerHost()) {
        break;
      }
      if (turn == HostOutages.Turn.PROBE) {
        outages.probing(host);
      }
      waiting--;
      deliver(queue.poll(), turn == HostOutages.Turn.PROBE);
    }
    if (queue != null && queue.isEmpty()) {
      waitingByHost.remove(host);
    }
  }

  /**
   * Leaves a callback due in the store, unread until its host answers a probe; one whose
   * deadline passed while it waited is given up.
   */
  private void park(Ready ready, String host) {
    PendingCallback callback = ready.callback();
    Instant now = clock.instant();
    if (retryRules.pastDeadline(callback, now)) {
      finish(callback, host, new CallbackAttempt(callback.id(), now, null,
          "its host did not answer; deadline reached", CallbackAttempt.Outcome.GAVE_UP, null));
      return;
    }
    held.remove(callback.id());
    outages.park(host, callback.id());
  }

  /**
   * Notes what a post says about its host: no answer (or a request to back off) puts the host
   * down, any other end brings it up and releases its parked callbacks, to be read at once.
   */
  private Posted noteHost(String host, boolean probe, PostResult result) {
    if (RetryRules.hostUnavailable(result)) {
      return new Posted(result, outages.failed(host, probe, clock.instant()));
    }
    // An answer, or a refusal by the outbound check (every callback to that host would be
    // refused the same way, so none should wait for a probe).
    if (!outages.answered(host).isEmpty()) {
      read();
    }
    return new Posted(result, null);
  }

  private void deliver(Ready ready, boolean probe) {
    PendingCallback callback = ready.callback();
    CallbackRequest request = ready.request();
    String host = request.hostKey();
    activeByHost.merge(host, 1, Integer::sum);
    Instant at = clock.instant();
    poster.check(request).onComplete(checked -> {
      if (stopping) {
        // No connection opened yet: the callback stays due in the store for the next start.
        release(callback.id(), host);
        return;
      }
      inFlight++;
      long posting = System.nanoTime();
      Future<PostResult> result = checked.succeeded()
          ? poster.post(request, checked.result())
          : Future.succeededFuture(CallbackPoster.checkFailure(checked.cause()));
      result
          .onSuccess(posted -> metrics.callbackAttempt(meteredOutcome(posted),
              System.nanoTime() - posting))
          .map(posted -> noteHost(host, probe, posted))
          .onComplete(answered -> {
            // The connection is free once answered: the host's next post need not wait for
            // this attempt's record (the callback stays held until then, so it is not read
            // again meanwhile).
            freeSlot(host);
            startWaiting(host);
          })
          .compose(posted -> {
            CallbackAttempt attempt = retryRules.decide(callback, request.overrides(),
                posted.result(), at, clock.instant(), posted.hostRetryAt());
            if (posted.hostRetryAt() != null && attempt.outcome() == CallbackAttempt.Outcome.RETRY) {
              outages.retryRecorded(host);
            }
            return finish(callback, host, attempt);
          })
          .onComplete(done -> {
            inFlight--;
            held.remove(callback.id());
            drainedIfIdle();
          });
    });
  }

  /**
   * Records the attempt and lets the callback go; the message's next callback may now be due, so
   * the outbox is read again. Never fails: a failed record leaves the callback due in the store,
   * and it is tried again (callbacks are at least once).
   */
  private Future<Void> finish(PendingCallback callback, String host, CallbackAttempt attempt) {
    logOutcome(callback, host, attempt);
    inFlight++;
    return record(attempt)
        .onFailure(e -> LOG.log(System.Logger.Level.WARNING,
            "Recording an attempt at callback " + callback.id() + " failed; it stays due", e))
        .onComplete(recorded -> {
          inFlight--;
          held.remove(callback.id());
          settledDuringRead.add(callback.id());
          if (attempt.outcome() != CallbackAttempt.Outcome.RETRY
              && (wantsMore() || !waitingByHost.containsKey(host))) {
            read();
          }
          drainedIfIdle();
        })
        .recover(e -> Future.succeededFuture());
  }

  /**
   * Writes the attempt with the others that finish while a write is on its way: one store
   * round trip per write rather than per attempt, which kept a busy receiver's callbacks
   * waiting on the store. One write at a time, so the store sees attempts in finishing order.
   */
  private Future<Void> record(CallbackAttempt attempt) {
    Promise<Void> recorded = Promise.promise();
    unrecorded.add(new Unrecorded(attempt, recorded));
    recordWaiting();
    return recorded.future();
  }

  private void recordWaiting() {
    if (recording || unrecorded.isEmpty()) {
      return;
    }
    recording = true;
    List<Unrecorded> batch = unrecorded;
    unrecorded = new ArrayList<>();
    store.recordCallbackAttempts(batch.stream().map(Unrecorded::attempt).toList())
        .onComplete(written -> {
          recording = false;
          batch.forEach(each -> each.recorded().handle(written));
          recordWaiting();
        });
  }

  /** The outcome tag of {@code tern_callback_attempts_total}; see TernMetrics#callbackAttempt. */
  static String meteredOutcome(PostResult posted) {
    if (posted instanceof PostResult.Answered answered) {
      return answered.isSuccess() ? "delivered" : "rejected";
    }
    return posted instanceof PostResult.Refused ? "refused" : "error";
  }

  private void release(long id, String host) {
    held.remove(id);
    freeSlot(host);
  }

  private void freeSlot(String host) {
    activeByHost.merge(host, -1, Integer::sum);
    activeByHost.remove(host, 0);
  }

  private void drainedIfIdle() {
    if (inFlight == 0 && drained != null) {
      drained.tryComplete();
    }
  }

  private static void logOutcome(PendingCallback callback, String host, CallbackAttempt attempt) {
    if (attempt.outcome() == CallbackAttempt.Outcome.DELIVERED) {
      return;
    }
    System.Logger.Level level = attempt.outcome() == CallbackAttempt.Outcome.GAVE_UP
        ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG;
    LOG.log(level, () -> "Callback " + callback.id() + " (" + callback.status().wire() + " of "
        + callback.messageSid() + ") to " + host + ": " + attempt.error() + ", "
        + (attempt.outcome() == CallbackAttempt.Outcome.RETRY
            ? "retry at " + attempt.nextAttemptAt() : "given up"));
  }
}
