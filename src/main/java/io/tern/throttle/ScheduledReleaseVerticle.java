package io.tern.throttle;

import io.tern.Components;
import io.tern.bus.Addresses;
import io.tern.message.Message;
import io.tern.message.MessageStatus;
import io.tern.message.StatusChange;
import io.tern.status.StatusWrites;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Holds scheduled messages until their SendAt, with one timer for the earliest. At SendAt a
 * message with a sender becomes {@code queued} and joins its sender's queue; one without goes to
 * sender assignment. A message canceled meanwhile stays canceled: the store refuses the step
 * back. At start every scheduled message in the store is loaded again, so restarts lose none.
 * In a cluster one pod at a time runs it (see {@code io.tern.cluster}); the others send it the
 * sids of the scheduled messages they commit.
 */
public final class ScheduledReleaseVerticle extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(ScheduledReleaseVerticle.class.getName());
  private static final int RECOVERY_PAGE = 500;
  static final long RETRY_MILLIS = 1_000;
  /** Longest single timer; a later SendAt is reached in steps (timers are in-memory anyway). */
  private static final long MAX_TIMER_MILLIS = 3_600_000;

  private final Components components;
  private final PriorityQueue<Message> waiting =
      new PriorityQueue<>(Comparator.comparing(Message::sendAt).thenComparing(Message::sid));
  private final java.util.Set<String> heldSids = new java.util.HashSet<>();
  private MessageRouting routing;
  private StatusWrites statusWrites;
  private long timerId = -1;
  private Instant timerAt;

  public ScheduledReleaseVerticle(Components components) {
    this.components = components;
  }

  @Override
  public Future<?> start() {
    routing = new MessageRouting(vertx, components.config());
    statusWrites = new StatusWrites(vertx);
    return (components.config().cluster().enabled()
            ? vertx.eventBus().<String>consumer(Addresses.SCHEDULE, delivery -> holdStored(delivery.body()))
            : vertx.eventBus().<Message>localConsumer(Addresses.SCHEDULE, delivery -> hold(delivery.body())))
        .completion()
        .compose(registered -> recoverFrom(null, null));
  }

  private Future<Void> recoverFrom(Instant afterCreated, String afterSid) {
    return components.lifecycle().findByStatus(MessageStatus.SCHEDULED, afterCreated, afterSid, RECOVERY_PAGE)
        .compose(page -> {
          page.forEach(this::hold);
          if (page.size() < RECOVERY_PAGE) {
            return Future.succeededFuture();
          }
          Message last = page.get(page.size() - 1);
          return recoverFrom(last.dateCreated(), last.sid());
        });
  }

  /** Messages waiting for their SendAt (for tests and metrics). */
  public int waitingCount() {
    return waiting.size();
  }

  /**
   * In a cluster a scheduled message may be committed on another pod: its sid comes, and the
   * message is read back from the store (scheduled messages are few, and it may have been
   * canceled since).
   */
  private void holdStored(String sid) {
    components.lifecycle().findBySids(List.of(sid))
        .onSuccess(found -> found.stream()
            .filter(message -> message.status() == MessageStatus.SCHEDULED)
            .forEach(this::hold))
        .onFailure(failure -> {
          LOG.log(System.Logger.Level.WARNING, "Reading scheduled " + sid + " failed; trying again in "
              + RETRY_MILLIS + " ms", failure);
          vertx.setTimer(RETRY_MILLIS, retry -> holdStored(sid));
        });
  }

  private void hold(Message message) {
    if (heldSids.add(message.sid())) {
      waiting.add(message);
    }
    arm();
  }

  private void arm() {
    Message next = waiting.peek();
    if (next == null || (timerAt != null && !next.sendAt().isBefore(timerAt))) {
      return;
    }
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    long delay = Math.max(1, Math.min(MAX_TIMER_MILLIS,
        next.sendAt().toEpochMilli() - components.clock().millis()));
    timerAt = next.sendAt();
    timerId = vertx.setTimer(delay, fired -> {
      timerId = -1;
      timerAt = null;
      releaseDue();
      arm();
    });
  }

  private void releaseDue() {
    Instant now = components.clock().instant();
    while (!waiting.isEmpty() && !waiting.peek().sendAt().isAfter(now)) {
      Message due = waiting.poll();
      heldSids.remove(due.sid());
      release(due);
    }
  }

  private void release(Message message) {
    if (message.from() == null) {
      routing.route(message.withStatus(MessageStatus.ACCEPTED, message.dateUpdated()));
      return;
    }
    statusWrites.write(StatusChange.to(message.sid(), MessageStatus.QUEUED,
            components.clock().instant().truncatedTo(ChronoUnit.MICROS)))
        .onSuccess(released -> released.ifPresent(routing::route))
        .onFailure(failure -> {
          // Still scheduled in the store: held again and released at the next try.
          LOG.log(System.Logger.Level.WARNING, "Releasing " + message.sid()
              + " failed; trying again in " + RETRY_MILLIS + " ms", failure);
          vertx.setTimer(RETRY_MILLIS, retry -> release(message));
        });
  }
}
