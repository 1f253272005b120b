package io.tern.inbound;

import io.micrometer.core.instrument.Counter;
import io.tern.Components;
import io.tern.bus.Addresses;
import io.tern.carrier.InboundSms;
import io.tern.message.Media;
import io.tern.message.Message;
import io.tern.message.MessageStatus;
import io.tern.message.Sids;
import io.tern.message.DeliveryError;
import io.tern.message.text.SegmentCounter;
import io.tern.store.InboundPart;
import io.tern.store.InboundRecipient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.net.URLConnection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Answers {@code tern.inbound.received}: a message a handset sent, as the carrier delivered it,
 * becomes an inbound Message resource, committed with its webhook in the outbox (and an opt-out
 * keyword's effect) before the reply that lets the carrier acknowledge it.
 *
 * <ul>
 *   <li>A redelivery (same connection and carrier id) finds the message stored the first time:
 *       the insert's idempotency key is the connection and carrier id. Its opt-out keyword is
 *       not applied again once the first delivery went through.
 *   <li>Parts of a long message are held in the store until the last arrives; a group still
 *       incomplete after {@code inbound.partsTimeoutMillis} is stored as what arrived, with
 *       error 30009. Its key is the group's, so a part redelivered after the message was stored
 *       adds nothing.
 *   <li>A message to a number no account has is acknowledged, logged and counted
 *       ({@code tern_inbound_unknown_recipient_total}), not stored.
 * </ul>
 */
public final class InboundReceiver extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(InboundReceiver.class.getName());
  static final String INBOUND = "inbound";

  private final Components components;
  private OptOutHandling optOuts;
  private Counter received;
  private Counter unknownRecipient;
  private long sweepTimer;

  public InboundReceiver(Components components) {
    this.components = components;
  }

  @Override
  public Future<?> start() {
    optOuts = new OptOutHandling(components.optOuts());
    received = Counter.builder("tern.inbound.received")
        .description("Inbound messages stored (redeliveries not counted)")
        .register(components.metrics().registry());
    unknownRecipient = Counter.builder("tern.inbound.unknown.recipient")
        .description("Inbound messages for a number no account has: acknowledged, not stored")
        .register(components.metrics().registry());
    long timeout = components.config().inbound().partsTimeoutMillis();
    sweepTimer = vertx.setPeriodic(Math.max(100, Math.min(timeout / 2, 10_000)), id -> sweepParts());
    return vertx.eventBus().<InboundSms>localConsumer(Addresses.INBOUND_RECEIVED, request ->
            receive(request.body()).onComplete(done -> {
              if (done.succeeded()) {
                request.reply(done.result());
              } else {
                LOG.log(System.Logger.Level.WARNING,
                    "An inbound message could not be committed; the carrier will deliver it again",
                    done.cause());
                request.fail(500, "not committed");
              }
            }))
        .completion();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweepTimer);
    return Future.succeededFuture();
  }

  /** The stored message's sid; null when it is not stored (unknown number, or a part held). */
  Future<String> receive(InboundSms sms) {
    return components.inbound().findRecipient(sms.to()).compose(found -> {
      if (found.isEmpty()) {
        unknownRecipient.increment();
        LOG.log(System.Logger.Level.INFO, "Inbound message on connection " + sms.connection()
            + " for a number no account has: acknowledged, not stored");
        return Future.succeededFuture(null);
      }
      InboundRecipient recipient = found.get();
      if (sms.part() == null || sms.part().total() == 1) {
        String key = sms.carrierMessageId() == null ? null
            : idempotencyKey(sms.connection(), sms.carrierMessageId());
        return store(recipient, sms.from(), sms.text(), 1, sms.mediaUrls(), null, sms.receivedAt(), key);
      }
      return holdPart(recipient, sms);
    });
  }

  /** The insert's idempotency key of a message in one part: its connection and carrier id. */
  static String idempotencyKey(String connection, String carrierMessageId) {
    return "tern-inbound:" + connection + ":" + carrierMessageId;
  }

  private Future<String> holdPart(InboundRecipient recipient, InboundSms sms) {
    String group = String.join("|", sms.connection(), sms.from(), sms.to(),
        Integer.toString(sms.part().reference()), Integer.toString(sms.part().total()));
    InboundPart part = new InboundPart(group, sms.part().sequence(), sms.part().total(),
        sms.connection(), sms.carrierMessageId(), sms.from(), sms.to(), sms.text(), sms.receivedAt());
    return components.inbound().holdPart(part).compose(held -> held.size() < sms.part().total()
        ? Future.succeededFuture(null)
        : storeGroup(recipient, held, null));
  }

  private Future<String> storeGroup(InboundRecipient recipient, List<InboundPart> parts,
      Integer errorCode) {
    InboundPart first = parts.get(0);
    String body = parts.stream().map(InboundPart::body).collect(Collectors.joining());
    return store(recipient, first.from(), body, parts.size(), List.of(), errorCode,
            first.receivedAt(), "tern-inbound:" + first.groupKey())
        .compose(sid -> components.inbound().releaseParts(first.groupKey()).map(sid));
  }

  /** Groups left incomplete too long are stored as what arrived, with 30009. */
  private void sweepParts() {
    Instant cutoff = components.clock().instant()
        .minusMillis(components.config().inbound().partsTimeoutMillis());
    components.inbound().partsWaitingSince(cutoff).onSuccess(parts -> {
      Map<String, List<InboundPart>> groups = new LinkedHashMap<>();
      parts.forEach(part -> groups.computeIfAbsent(part.groupKey(), key -> new ArrayList<>()).add(part));
      groups.values().forEach(group -> components.inbound().findRecipient(group.get(0).to())
          .compose(recipient -> recipient.isPresent()
              ? storeGroup(recipient.get(), group, DeliveryError.MISSING_INBOUND_SEGMENT.code())
              : components.inbound().releaseParts(group.get(0).groupKey()).map((String) null))
          .onFailure(e -> LOG.log(System.Logger.Level.WARNING,
              "Storing an incomplete inbound message failed; trying again at the next sweep", e)));
    });
  }

  private Future<String> store(InboundRecipient recipient, String from, String body, int segments,
      List<String> mediaUrls, Integer errorCode, Instant receivedAt, String idempotencyKey) {
    Instant now = components.clock().instant().truncatedTo(ChronoUnit.MICROS);
    String sid = Sids.generate(mediaUrls.isEmpty() ? Sids.MESSAGE : Sids.MMS_MESSAGE);
    List<Media> media = mediaUrls.stream()
        .map(url -> new Media(Sids.generate(Sids.MEDIA), recipient.accountSid(), sid, url,
            contentTypeOf(url), now))
        .toList();
    Message message = Message.builder()
        .sid(sid)
        .accountSid(recipient.accountSid())
        .to(recipient.address())
        .from(from)
        .messagingServiceSid(recipient.serviceSid())
        .body(body)
        .status(MessageStatus.RECEIVED)
        .direction(INBOUND)
        .numSegments(mediaUrls.isEmpty() ? segments : 1)
        .encoding(SegmentCounter.count(body).encoding().wireName())
        .media(media)
        .errorCode(errorCode)
        .errorMessage(errorCode == null ? null : DeliveryError.MISSING_INBOUND_SEGMENT.message())
        .dateCreated(now)
        .dateUpdated(now)
        .dateSent(receivedAt)
        .build();
    Optional<Keyword> keyword = Keyword.of(body);
    return components.messages().insert(message, idempotencyKey).compose(stored -> {
      boolean redelivered = !stored.sid().equals(sid);
      if (!redelivered) {
        received.increment();
      }
      // The webhook is written last: when a redelivery finds it, the keyword was applied then,
      // and applying it again could undo what the recipient sent since (STOP, START, then the
      // STOP redelivered). Without it, the first delivery stopped half-way: finish its work.
      Future<Boolean> handledBefore = redelivered
          ? components.inbound().hasWebhook(stored.sid())
          : Future.succeededFuture(false);
      return handledBefore.compose(handled -> handled ? Future.succeededFuture(stored.sid())
          : optOuts.apply(recipient, stored, keyword)
              .compose(applied -> components.inbound().enqueueWebhook(stored.accountSid(),
                  stored.sid(), keyword.map(Enum::name).orElse(null), now))
              .onSuccess(queued -> vertx.eventBus().publish(Addresses.WEBHOOKS_PENDING, null))
              .map(stored.sid()));
    });
  }

  /** The media type a URL's name suggests; Tern does not fetch inbound media to find out. */
  private static String contentTypeOf(String url) {
    String guessed = URLConnection.guessContentTypeFromName(url.replaceFirst("[?#].*$", ""));
    return guessed != null ? guessed : "application/octet-stream";
  }
}
