package io.tern.inbound;

import io.tern.bus.Addresses;
import io.tern.bus.LocalCodec;
import io.tern.message.ApiError;
import io.tern.message.Message;
import io.tern.message.NewMessage;
import io.tern.store.Account;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Sends the answers to an inbound message as {@code outbound-reply} messages, through
 * validation's {@code tern.message.create}: a TwiML {@code <Message>} is checked, committed and
 * queued like any new message; an opt-out keyword's automatic answer skips the checks only,
 * since the recipient has just opted out and Twilio answers anyway. Inbound sits after the
 * throttle on the message path, so it asks for messages on the bus and never uses those stages'
 * classes.
 *
 * <p>Each reply is created with an idempotency key naming the inbound message and the reply's
 * place in the conversation, so a webhook answered twice (retry, restart, two pods) sends its
 * replies once.
 */
final class ReplySender {
  static final String OUTBOUND_REPLY = "outbound-reply";

  private final Vertx vertx;

  ReplySender(Vertx vertx) {
    this.vertx = vertx;
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
    return create(new NewMessage(account.sid(),
        reply.to() != null ? reply.to() : inbound.from(),
        reply.from() != null ? reply.from() : inbound.to(),
        null,
        reply.body(),
        reply.media().stream().map(url -> resolve(documentUrl, url)).toList(),
        callback == null ? null : resolve(documentUrl, callback),
        OUTBOUND_REPLY, key(inbound, place), false));
  }

  /** Sends the automatic answer to an opt-out keyword, from the number that received it. */
  Future<Message> sendAutomatic(Message inbound, String text) {
    return create(new NewMessage(inbound.accountSid(), inbound.from(), inbound.to(),
        inbound.messagingServiceSid(), text, null, null, OUTBOUND_REPLY, key(inbound, "opt-out"),
        true));
  }

  private Future<Message> create(NewMessage order) {
    return vertx.eventBus().request(Addresses.CREATE_MESSAGE, order, LocalCodec.localOnly())
        .compose(answer -> answer.body() instanceof Message message
            ? Future.succeededFuture(message)
            : Future.failedFuture((ApiError) answer.body()));
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
