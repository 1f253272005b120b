package io.tern.validation;

import io.tern.Components;
import io.tern.message.TwilioError;
import io.tern.bus.Addresses;
import io.tern.message.Message;
import io.tern.message.MessageStatus;
import io.tern.store.MessagingService;
import io.tern.message.StatusChange;
import io.tern.status.StatusWrites;
import io.tern.message.PhoneNumbers;
import io.tern.message.SendPlan;
import io.tern.throttle.MessageRouting;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Gives accepted Messaging Service messages their sender, the part of validation that waits
 * until the message is committed: picks one from the pool (one that can send MMS when the
 * message's plan is an MMS), records {@code queued} with {@code from} and the
 * {@code num_segments} its send plan fixed at validation (a {@code queued} status callback is due
 * then), and only once that is committed hands the message to its sender's throttle shard. An
 * assignment that fails (the store out of reach) is tried again a second later; a crash in
 * between leaves the message {@code accepted} in the store, where start-up recovery finds it.
 */
public final class SenderAssignmentVerticle extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(SenderAssignmentVerticle.class.getName());
  private static final int RECOVERY_PAGE = 500;
  static final long RETRY_MILLIS = 1_000;

  private final Components components;
  private ServiceSenderPicker picker;
  private MessageRouting routing;
  private StatusWrites statusWrites;

  public SenderAssignmentVerticle(Components components) {
    this.components = components;
  }

  @Override
  public Future<?> start() {
    picker = new ServiceSenderPicker(components.config().validation().alphaUnsupportedCountries());
    routing = new MessageRouting(vertx, components.config());
    statusWrites = new StatusWrites(vertx);
    return vertx.eventBus().<Message>localConsumer(Addresses.ASSIGN_SENDER,
            delivery -> assign(delivery.body()))
        .completion();
  }

  /** Finds every message still waiting for a sender (after a restart) and assigns it. */
  public Future<Void> recover() {
    return recoverFrom(null, null);
  }

  private Future<Void> recoverFrom(Instant afterCreated, String afterSid) {
    return components.lifecycle().findByStatus(MessageStatus.ACCEPTED, afterCreated, afterSid, RECOVERY_PAGE)
        .compose(page -> {
          page.forEach(this::assign);
          if (page.size() < RECOVERY_PAGE) {
            return Future.succeededFuture();
          }
          Message last = page.get(page.size() - 1);
          return recoverFrom(last.dateCreated(), last.sid());
        });
  }

  void assign(Message message) {
    components.accounts().findService(message.accountSid(), message.messagingServiceSid())
        .compose(service -> service.isEmpty()
            ? Future.succeededFuture(Optional.<Sender>empty())
            : pickSender(service.get(), message))
        .compose(sender -> statusWrites.write(
            sender.map(chosen -> queuedFrom(message, chosen)).orElseGet(() -> noSender(message))))
        .onSuccess(assigned -> assigned.ifPresent(routing::route))
        .onFailure(failure -> {
          // Still accepted in the store: try again while the gateway runs, not at its next start.
          LOG.log(System.Logger.Level.WARNING, "Sender assignment for " + message.sid()
              + " failed; trying again in " + RETRY_MILLIS + " ms", failure);
          vertx.setTimer(RETRY_MILLIS, retry -> assign(message));
        });
  }

  private Future<Optional<Sender>> pickSender(MessagingService service, Message message) {
    return components.accounts().listServiceSenders(message.accountSid(), service.sid(), null)
        .map(pool -> PhoneNumbers.parseE164(message.to())
            .flatMap(to -> picker.pick(service, pool, to, message.sid(), message.sendPlan().mms())));
  }

  /** Queued behind the chosen sender, charged the segments its plan fixed at validation. */
  private StatusChange queuedFrom(Message message, Sender sender) {
    SendPlan plan = message.sendPlan();
    return StatusChange.assigned(message.sid(), now(), sender.value(), plan.segments(),
        plan.encodingName());
  }

  private StatusChange noSender(Message message) {
    return StatusChange.failed(message.sid(), MessageStatus.FAILED, now(), TwilioError.NO_SENDER_IN_POOL.code(),
        TwilioError.NO_SENDER_IN_POOL.with(message.to()).getMessage());
  }

  private Instant now() {
    return components.clock().instant().truncatedTo(ChronoUnit.MICROS);
  }
}
