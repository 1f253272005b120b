package io.tern.validation;

import io.tern.outbound.WebhookUrl;
import io.tern.message.ParsedNumber;
import io.tern.message.PhoneNumbers;
import io.tern.message.SendPlan;
import io.tern.message.text.OutgoingText;

import io.tern.message.TwilioError;
import io.tern.store.Account;
import io.tern.store.AccountRegistry;
import io.tern.message.Media;
import io.tern.message.Message;
import io.tern.message.MessageStatus;
import io.tern.store.MessagingService;
import io.tern.store.OptOuts;
import io.tern.message.Sids;
import io.tern.outbound.OutboundGuard;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Every synchronous check Twilio makes on a new message, then the message to store: its sid,
 * initial status, checked media and its {@link SendPlan} (text as sent, encoding, segments, SMS
 * or MMS). The plan is made here for every message, Messaging Service ones included, so the
 * sender assignment that comes later charges and sends exactly what a direct message would.
 *
 * <p>Order matters where Twilio's does: missing parameters first, then the destination, then
 * the sender and the service, then the trial rules, then media (the only check that goes out to
 * the network, so it runs last).
 */
public final class MessageValidator {
  private final AccountRegistry accounts;
  private final ValidationOptions rules;
  private final SenderResolver senders;
  private final MediaChecker media;
  private final OutboundGuard guard;
  private final Clock clock;
  private final OptOuts optOuts;

  public MessageValidator(AccountRegistry accounts, ValidationOptions rules, MediaChecker media,
      OutboundGuard guard, Clock clock) {
    this(accounts, rules, media, guard, clock, null);
  }

  /** @param optOuts recipients who replied STOP; null checks none */
  public MessageValidator(AccountRegistry accounts, ValidationOptions rules, MediaChecker media,
      OutboundGuard guard, Clock clock, OptOuts optOuts) {
    this.optOuts = optOuts;
    this.accounts = accounts;
    this.rules = rules;
    this.senders = new SenderResolver(accounts, rules);
    this.media = media;
    this.guard = guard;
    this.clock = clock;
  }

  public Future<Message> validate(CreateMessageRequest request) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Checked checked;
    try {
      checked = checkRequest(request, now);
    } catch (io.tern.message.ApiError error) {
      return Future.failedFuture(error);
    }
    Future<Optional<MessagingService>> service = findService(request);
    return service.compose(foundService -> resolveSender(request, checked.to())
            .compose(sender -> checkOptOut(request, checked.to(), sender, foundService.orElse(null))
                .compose(ignored -> checkTrial(request.account(), checked.to()))
                .compose(ignored -> checkStatusCallbackHost(request))
                .compose(ignored -> checkMedia(request, checked.to(), foundService.orElse(null)))
                .map(mediaPlan -> build(request, checked, foundService.orElse(null), sender, mediaPlan, now))));
  }

  /** The results of the checks that need nothing but the request. */
  private record Checked(ParsedNumber to, Integer validityPeriod, Instant sendAt) {}

  private Checked checkRequest(CreateMessageRequest request, Instant now) {
    MessageParameters.checkPresence(request);
    Integer validity = MessageParameters.validityPeriod(request);
    Instant sendAt = MessageParameters.sendAt(request, now);
    ParsedNumber to = PhoneNumbers.parseE164(request.to())
        .orElseThrow(() -> TwilioError.INVALID_TO.with(request.to()));
    MessageParameters.checkMediaUrlSyntax(request);
    return new Checked(to, validity, sendAt);
  }

  private Future<Optional<MessagingService>> findService(CreateMessageRequest request) {
    String sid = request.messagingServiceSid();
    if (sid == null) {
      return Future.succeededFuture(Optional.empty());
    }
    if (!Sids.isSid(sid, Sids.SERVICE)) {
      return Future.failedFuture(TwilioError.SERVICE_SID_INVALID.with(sid));
    }
    return accounts.findService(request.account().sid(), sid).compose(found -> found.isPresent()
        ? Future.succeededFuture(found)
        : Future.failedFuture(TwilioError.SERVICE_NOT_FOUND.with(sid)));
  }

  /** The sender, or null when a Messaging Service will choose one from its pool later. */
  private Future<Sender> resolveSender(CreateMessageRequest request, ParsedNumber to) {
    return request.from() == null
        ? Future.succeededFuture(null)
        : senders.resolve(request.account(), request.from(), to);
  }

  /**
   * 21610 when the recipient replied STOP to this sender or to its Messaging Service. On
   * PostgreSQL through {@link io.tern.store.CachingOptOuts}: a query only for recipients who
   * opted out of something in the account; a STOP received by another pod applies here once its
   * notice arrives, and within {@code database.optOutCacheMillis} at worst.
   */
  private Future<Void> checkOptOut(CreateMessageRequest request, ParsedNumber to, Sender sender,
      MessagingService service) {
    if (optOuts == null || (sender == null && service == null)) {
      return Future.succeededFuture();
    }
    return optOuts.isOptedOut(request.account().sid(), to.e164(),
            sender == null ? null : sender.value(), service == null ? null : service.sid())
        .compose(optedOut -> optedOut
        ? Future.failedFuture(TwilioError.OPTED_OUT.with(to.e164()))
        : Future.<Void>succeededFuture());
  }

  private Future<Void> checkTrial(Account account, ParsedNumber to) {
    if (!account.isTrial()) {
      return Future.succeededFuture();
    }
    return accounts.isVerifiedCallerId(account.sid(), to.e164()).compose(verified -> verified
        ? Future.<Void>succeededFuture()
        : Future.failedFuture(TwilioError.TO_NOT_VERIFIED.with(to.e164(), to.e164())));
  }

  /**
   * 21609 for a StatusCallback whose host the outbound rules refuse: its callbacks would all be
   * given up, so the client hears it now, with the rule and the setting that opens it.
   */
  private Future<Void> checkStatusCallbackHost(CreateMessageRequest request) {
    String url = request.statusCallback();
    if (url == null) {
      return Future.succeededFuture();
    }
    return WebhookUrl.refusal(guard, url).compose(refusal -> refusal.isEmpty()
        ? Future.<Void>succeededFuture()
        : Future.failedFuture(TwilioError.STATUS_CALLBACK_REFUSED.with(url, refusal.get())));
  }

  /** How a message with media goes out, and its checked media. */
  private record MediaPlan(boolean asMms, List<CheckedMedia> media) {
    static final MediaPlan NONE = new MediaPlan(false, List.of());
  }

  private Future<MediaPlan> checkMedia(CreateMessageRequest request, ParsedNumber to,
      MessagingService service) {
    if (!request.hasMedia()) {
      return Future.succeededFuture(request.sendAsMms() && to.isUsOrCanada()
          ? new MediaPlan(true, List.of()) : MediaPlan.NONE);
    }
    boolean converter = service != null ? service.mmsConverter() : rules.mmsConverter();
    if (!to.isUsOrCanada() && !converter) {
      return Future.failedFuture(TwilioError.CANNOT_ROUTE.with(to.e164(),
          request.from() == null ? request.messagingServiceSid() : request.from()));
    }
    return media.checkAll(request.mediaUrls())
        .map(checked -> new MediaPlan(to.isUsOrCanada(), checked));
  }

  private Message build(CreateMessageRequest request, Checked checked, MessagingService service,
      Sender sender, MediaPlan mediaPlan, Instant now) {
    String sid = Sids.generate(request.hasMedia() ? Sids.MMS_MESSAGE : Sids.MESSAGE);
    String body = storedBody(request, service, mediaPlan);
    // Built for every message, and most have no media: no streams for them.
    boolean noMedia = mediaPlan.media().isEmpty();
    SendPlan plan = SendPlan.of(body,
        noMedia ? List.of() : mediaPlan.media().stream().map(CheckedMedia::url).toList(),
        mediaPlan.asMms());
    boolean senderKnown = sender != null;
    MessageStatus status = checked.sendAt() != null ? MessageStatus.SCHEDULED
        : senderKnown ? MessageStatus.QUEUED : MessageStatus.ACCEPTED;
    int validity = checked.validityPeriod() != null ? checked.validityPeriod()
        : service != null ? service.validityPeriod() : ValidityPeriod.DEFAULT_SECONDS;
    List<Media> media = noMedia ? List.of() : mediaPlan.media().stream()
        .map(item -> new Media(Sids.generate(Sids.MEDIA), request.account().sid(), sid,
            item.url(), item.contentType(), now))
        .toList();
    return Message.builder()
        .sid(sid)
        .accountSid(request.account().sid())
        .to(checked.to().e164())
        .from(senderKnown ? sender.value() : null)
        .messagingServiceSid(service != null ? service.sid() : null)
        .body(body)
        .status(status)
        .direction(Message.OUTBOUND_API)
        // A service message reports 0 until its sender is chosen, as Twilio's does; the plan
        // already holds what it will be charged.
        .numSegments(senderKnown ? plan.segments() : 0)
        .encoding(plan.encodingName())
        .media(media)
        .statusCallback(request.statusCallback())
        .validityPeriod(validity)
        .sendAt(checked.sendAt())
        .dateCreated(now)
        .dateUpdated(now)
        .sendPlan(plan)
        .build();
  }

  /**
   * The body as the store keeps it and the API shows it: smart-encoded when asked (per message
   * or by the service) and sent as SMS, with Twilio's trial prefix on trial accounts.
   */
  private static String storedBody(CreateMessageRequest request, MessagingService service,
      MediaPlan mediaPlan) {
    boolean smart = request.smartEncoded() || (service != null && service.smartEncoding());
    return OutgoingText.body(request.body(), smart && !mediaPlan.asMms(), request.account().isTrial());
  }
}
