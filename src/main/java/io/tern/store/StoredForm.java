package io.tern.store;

import io.tern.message.Media;
import io.tern.message.Message;
import io.tern.message.StatusChange;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Records as a store keeps them, so both stores hand back exactly the same values. PostgreSQL
 * keeps timestamps to the microsecond; both stores therefore truncate every {@link Instant} to
 * microseconds on write, and what a write returns equals what a later read returns.
 */
public final class StoredForm {
  private StoredForm() {}

  public static Instant of(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }

  /** Timestamps truncated; media re-parented onto the message (its sid and account). */
  public static Message of(Message m) {
    // Every message is stored this way and most have no media: no stream for them.
    List<Media> media = m.media().isEmpty() ? List.of() : m.media().stream()
        .map(item -> new Media(item.sid(), m.accountSid(), m.sid(), item.url(), item.contentType(),
            of(item.dateCreated())))
        .toList();
    return m.toBuilder()
        .media(media)
        .sendAt(of(m.sendAt()))
        .dateCreated(of(m.dateCreated()))
        .dateUpdated(of(m.dateUpdated()))
        .dateSent(of(m.dateSent()))
        .build();
  }

  public static StatusChange of(StatusChange c) {
    return new StatusChange(c.sid(), c.status(), of(c.at()), c.errorCode(), c.errorMessage(),
        of(c.dateSent()), c.price(), c.priceUnit(), c.from(), c.numSegments(), c.encoding(),
        of(c.rawDlrDoneDate()), c.carrierIds());
  }

  public static CallbackAttempt of(CallbackAttempt a) {
    return new CallbackAttempt(a.callbackId(), of(a.at()), a.httpStatus(), a.error(),
        a.outcome(), of(a.nextAttemptAt()));
  }

  public static Feedback of(Feedback f) {
    return new Feedback(f.accountSid(), f.messageSid(), f.outcome(), of(f.dateCreated()),
        of(f.dateUpdated()));
  }

  public static Account of(Account a) {
    return new Account(a.sid(), a.authToken(), a.friendlyName(), a.ownerAccountSid(), a.status(),
        a.type(), of(a.dateCreated()), of(a.dateUpdated()));
  }

  public static PhoneNumber of(PhoneNumber p) {
    return new PhoneNumber(p.sid(), p.accountSid(), p.phoneNumber(), p.friendlyName(), p.smsUrl(),
        p.smsMethod(), p.smsFallbackUrl(), p.smsFallbackMethod(), p.statusCallback(),
        p.throughput(), of(p.dateCreated()), of(p.dateUpdated()));
  }

  public static ShortCode of(ShortCode s) {
    return new ShortCode(s.sid(), s.accountSid(), s.shortCode(), s.countryCode(),
        s.friendlyName(), s.throughput(), of(s.dateCreated()), of(s.dateUpdated()));
  }

  public static CallerId of(CallerId c) {
    return new CallerId(c.sid(), c.accountSid(), c.phoneNumber(), c.friendlyName(),
        of(c.dateCreated()));
  }

  public static MessagingService of(MessagingService s) {
    return new MessagingService(s.sid(), s.accountSid(), s.friendlyName(), s.inboundRequestUrl(),
        s.inboundMethod(), s.fallbackUrl(), s.fallbackMethod(), s.statusCallback(),
        s.stickySender(), s.mmsConverter(), s.smartEncoding(), s.scanMessageContent(),
        s.fallbackToLongCode(), s.areaCodeGeomatch(), s.validityPeriod(),
        s.synchronousValidation(), s.usecase(), s.useInboundWebhookOnNumber(),
        of(s.dateCreated()), of(s.dateUpdated()));
  }

  public static ServiceSender of(ServiceSender s) {
    return new ServiceSender(s.sid(), s.accountSid(), s.serviceSid(), s.kind(), s.value(),
        s.countryCode(), of(s.dateCreated()), of(s.dateUpdated()));
  }
}
