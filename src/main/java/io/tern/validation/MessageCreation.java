package io.tern.validation;

import io.tern.message.ApiError;
import io.tern.message.Message;
import io.tern.message.MessageStatus;
import io.tern.message.NewMessage;
import io.tern.message.Sids;
import io.tern.message.TwilioError;
import io.tern.message.text.SegmentCounter;
import io.tern.message.text.Segmentation;
import io.tern.store.Account;
import io.tern.store.AccountRegistry;
import io.tern.store.Messages;
import io.tern.throttle.MessageRouting;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Answers {@code tern.message.create} for the stages after this one: a {@link NewMessage} is
 * checked like any message created over the API (the same {@link MessageValidator}), committed
 * with its idempotency key and, when it is new, routed on to the throttle, once. An automatic
 * opt-out answer skips the checks only.
 *
 * <p>Refusals come back as the {@link ApiError} the checks gave (the caller logs them and goes
 * on); a failed commit fails the future, so the caller may try again later.
 */
final class MessageCreation {
  private final AccountRegistry accounts;
  private final MessageValidator validator;
  private final Messages messages;
  private final MessageRouting routing;
  private final Clock clock;

  MessageCreation(AccountRegistry accounts, MessageValidator validator, Messages messages,
      MessageRouting routing, Clock clock) {
    this.accounts = accounts;
    this.validator = validator;
    this.messages = messages;
    this.routing = routing;
    this.clock = clock;
  }

  /**
   * The committed message; fails with an {@link ApiError} when it is refused, with anything
   * else when it could not be committed.
   */
  Future<Message> create(NewMessage order) {
    Future<Message> built = order.automatic()
        ? Future.succeededFuture(automatic(order))
        : accounts.findAccount(order.accountSid()).compose(account -> account.isPresent()
            ? validator.validate(request(account.get(), order))
            : Future.failedFuture(TwilioError.NOT_FOUND.with("/2010-04-01/Accounts/" + order.accountSid())));
    return built.compose(message -> commit(message.toBuilder().direction(order.direction()).build(),
        order.idempotencyKey()));
  }

  private static CreateMessageRequest request(Account account, NewMessage order) {
    return new CreateMessageRequest(account, order.to(), order.from(), order.messagingServiceSid(),
        order.body(), order.mediaUrls(), order.statusCallback(), null, null, null, false, false);
  }

  /** The answer to an opt-out keyword as Twilio sends it: plain text, the default validity. */
  private Message automatic(NewMessage order) {
    var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Segmentation segmentation = SegmentCounter.count(order.body());
    return Message.builder()
        .sid(Sids.generate(Sids.MESSAGE))
        .accountSid(order.accountSid())
        .to(order.to())
        .from(order.from())
        .messagingServiceSid(order.messagingServiceSid())
        .body(order.body())
        .status(MessageStatus.QUEUED)
        .direction(order.direction())
        .numSegments(segmentation.segments())
        .encoding(segmentation.encoding().wireName())
        .media(List.of())
        .validityPeriod(ValidityPeriod.DEFAULT_SECONDS)
        .dateCreated(now)
        .dateUpdated(now)
        .build();
  }

  private Future<Message> commit(Message message, String idempotencyKey) {
    return messages.insert(message, idempotencyKey).onSuccess(stored -> {
      if (stored.sid().equals(message.sid())) {
        routing.route(stored);
      }
    });
  }
}
