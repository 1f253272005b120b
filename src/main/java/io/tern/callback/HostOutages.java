package io.tern.callback;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The callback hosts that stopped answering, and the callbacks waiting for each.
 *
 * <p>Backoff is kept per host, not per callback: when a host does not answer (or answers 429,
 * 502, 503 or 504), it is tried again with one callback at a time, the probe, after a backoff
 * that grows with its consecutive failures; its other due callbacks are parked (left due in the
 * store, skipped by reads, never posted). When the host answers, all of them are released at
 * once and go within {@code maxConnectionsPerHost}. Each callback waiting out a backoff of its
 * own instead made a receiver that came back after a minute wait minutes for its backlog.
 *
 * <p>One per callback sender, used on its event loop only; nothing here survives a restart,
 * where the parked callbacks are simply due in the store.
 */
final class HostOutages {
  /** The longest a host waits for its next probe, whatever {@code maxBackoffMillis} says. */
  static final Duration PROBE_CEILING = Duration.ofSeconds(5);

  enum Turn {
    /** The host answers: post. */
    POST,
    /** The host is down and its retry time has come: post this one as its probe. */
    PROBE,
    /** The host is down: wait for its probe. */
    PARK
  }

  private static final class Outage {
    int failures;
    Instant retryAt;
    boolean probing;
    /** Whether a callback was recorded to retry at retryAt: it is the next probe. */
    boolean retryRecorded;
    long timer = -1;
    final LinkedHashSet<Long> parked = new LinkedHashSet<>();
  }

  private final Vertx vertx;
  private final Backoff backoff;
  private final int parkedCap;
  private final Consumer<String> retryDue;
  private final Map<String, Outage> outages = new HashMap<>();
  private final Set<Long> parkedIds = new HashSet<>();

  /**
   * @param parkedCap at most this many callbacks are parked over all hosts; past it a down
   *     host's callbacks are posted (and fail) as if their host were up, so memory stays bounded
   * @param retryDue called with a host when its retry time comes (one of its parked callbacks
   *     was released to be its probe): the outbox should be read
   */
  HostOutages(Vertx vertx, Backoff backoff, int parkedCap, Consumer<String> retryDue) {
    this.vertx = vertx;
    this.backoff = backoff;
    this.parkedCap = parkedCap;
    this.retryDue = retryDue;
  }

  /** What a callback for {@code host} should do now; {@link #probing} claims a probe's turn. */
  Turn turn(String host, Instant now) {
    Outage outage = outages.get(host);
    if (outage == null) {
      return Turn.POST;
    }
    if (outage.probing || now.isBefore(outage.retryAt)) {
      return parkedIds.size() < parkedCap ? Turn.PARK : Turn.POST;
    }
    return Turn.PROBE;
  }

  /** A probe of {@code host} is on its way; the host's other callbacks park until it ends. */
  void probing(String host) {
    Outage outage = outages.get(host);
    if (outage != null) {
      outage.probing = true;
    }
  }

  void park(String host, long callbackId) {
    Outage outage = outages.get(host);
    if (outage != null && outage.parked.add(callbackId)) {
      parkedIds.add(callbackId);
    }
  }

  /** Ids a read of the outbox leaves out: they wait for their host. */
  Set<Long> parkedIds() {
    return parkedIds;
  }

  /**
   * A post to {@code host} got no answer, or one that asks to back off. A probe's failure (or
   * the first failure of a host that answered) sets the next retry after a longer backoff;
   * failures of posts that were already on the wire when the host went down change nothing.
   *
   * @return when the host is tried again: the callback's own retry time
   */
  Instant failed(String host, boolean wasProbe, Instant now) {
    Outage outage = outages.get(host);
    if (outage != null && !wasProbe) {
      return outage.retryAt;
    }
    if (outage == null) {
      outage = new Outage();
      outages.put(host, outage);
    }
    outage.failures++;
    outage.probing = false;
    outage.retryRecorded = false;
    outage.retryAt = now.plus(backoff.delay(outage.failures));
    schedule(host, outage, Duration.between(now, outage.retryAt));
    return outage.retryAt;
  }

  /**
   * A callback that failed at {@code host} was recorded to retry at the host's retry time (not
   * given up): it will be due then and become the probe, so no parked callback is released for
   * it and the same callback keeps probing.
   */
  void retryRecorded(String host) {
    Outage outage = outages.get(host);
    if (outage != null) {
      outage.retryRecorded = true;
    }
  }

  /**
   * {@code host} answered: it is up, and the ids of its parked callbacks (due in the store) are
   * released to go at once. Empty when it was not down.
   */
  List<Long> answered(String host) {
    Outage outage = outages.remove(host);
    if (outage == null) {
      return List.of();
    }
    vertx.cancelTimer(outage.timer);
    parkedIds.removeAll(outage.parked);
    return new ArrayList<>(outage.parked);
  }

  /** Forgets every outage (on stop): parked callbacks stay due in the store. */
  void clear() {
    outages.values().forEach(outage -> vertx.cancelTimer(outage.timer));
    outages.clear();
    parkedIds.clear();
  }

  private void schedule(String host, Outage outage, Duration wait) {
    vertx.cancelTimer(outage.timer);
    outage.timer = vertx.setTimer(Math.max(1, wait.toMillis()), due -> {
      if (outages.get(host) != outage) {
        return;
      }
      outage.timer = -1;
      // The last probe is due now and probes again; when it was given up instead, the oldest
      // parked callback is read again to become the probe.
      Iterator<Long> oldest = outage.parked.iterator();
      if (!outage.retryRecorded && oldest.hasNext()) {
        parkedIds.remove(oldest.next());
        oldest.remove();
      }
      retryDue.accept(host);
    });
  }
}
