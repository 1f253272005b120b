package io.tern.inbound;

import io.tern.Components;
import io.tern.bus.Addresses;
import io.tern.bus.LocalCodec;
import io.tern.message.ApiError;
import io.tern.message.Message;
import io.tern.message.MessageStatus;
import io.tern.message.Sids;
import io.tern.message.text.SegmentCounter;
import io.tern.message.text.Segmentation;
import io.tern.store.Account;
import io.tern.throttle.MessageRouting;
import io.tern.validation.CreateMessageRequest;
import io.tern.validation.ValidityPeriod;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Sends the answers to an inbound message as {@code outbound-reply} messages. A TwiML
 * {@code <Message>} goes the way of any new message (validation on the event bus, commit, then
 * the throttle by its status); an opt-out keyword's automatic answer skips validation only,
 * since the recipient has just opted out and Twilio answers anyway.
 *
 * <p>Each reply is inserted with an idempotency key naming the inbound message and the reply's
 * place in the conversation, so a webhook answered twice (retry, restart, two pods) sends its
 * replies once.
 */
final class ReplySender {
  static final String OUTBOUND_REPLY = "outbound-reply";

  private final Vertx vertx;
  private final Components components;
  private final MessageRouting routing;

  ReplySender(Vertx vertx, Components components) {
    this.vertx = vertx;
    this.components = components;
    this.routing = new MessageRouting(vertx, components.config());
  }

  /**
   * Sends one TwiML reply to {@code inbound}; fails with the {@link ApiError} validation gave
   * (the reply is then not sent).
   *
   * @param place where the reply stands in the conversation, unique per inbound message
   */
  Future<Message> send(Account account, Message inbound, Twiml.Reply reply, String documentUrl,
      String place) {
    String callback = reply.action() != null ? reply.action() : reply.statusCallback();
    CreateMessageRequest request = new CreateMessageRequest(account,
        reply.to() != null ? reply.to() : inbound.from(),
        reply.from() != null ? reply.from() : inbound.to(),
        null,
        reply.body(),
        reply.media().stream().map(url -> resolve(documentUrl, url)).toList(),
        callback == null ? null : resolve(documentUrl, callback),
        null, null, null, false, false);
    return vertx.eventBus().request(Addresses.VALIDATE, request, LocalCodec.localOnly())
        .compose(answer -> answer.body() instanceof Message message
            ? Future.succeededFuture(message)
            : Future.failedFuture((ApiError) answer.body()))
        .compose(message -> commit(message.toBuilder().direction(OUTBOUND_REPLY).build(),
            key(inbound, place)));
  }

  /** Sends the automatic answer to an opt-out keyword, from the number that received it. */
  Future<Message> sendAutomatic(Message inbound, String text) {
    var now = components.clock().instant().truncatedTo(ChronoUnit.MICROS);
    Segmentation segmentation = SegmentCounter.count(text);
    Message reply = Message.builder()
        .sid(Sids.generate(Sids.MESSAGE))
        .accountSid(inbound.accountSid())
        .to(inbound.from())
        .from(inbound.to())
        .messagingServiceSid(inbound.messagingServiceSid())
        .body(text)
        .status(MessageStatus.QUEUED)
        .direction(OUTBOUND_REPLY)
        .numSegments(segmentation.segments())
        .encoding(segmentation.encoding().wireName())
        .media(List.of())
        .validityPeriod(ValidityPeriod.DEFAULT_SECONDS)
        .dateCreated(now)
        .dateUpdated(now)
        .build();
    return commit(reply, key(inbound, "opt-out"));
  }

  private Future<Message> commit(Message message, String idempotencyKey) {
    return components.messages().insert(message, idempotencyKey).onSuccess(stored -> {
      if (stored.sid().equals(message.sid())) {
        routing.route(stored);
      }
    });
  }

  private static String key(Message inbound, String place) {
    return "tern-reply:" + inbound.sid() + ":" + place;
  }

  /** TwiML URLs may be relative to the document that holds them. */
  static String resolve(String documentUrl, String url) {
    try {
      return java.net.URI.create(documentUrl).resolve(url.strip()).toString();
    } catch (IllegalArgumentException e) {
      return url;
    }
  }
}
