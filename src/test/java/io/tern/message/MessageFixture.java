package io.tern.message;

import java.time.Instant;

/**
 * Messages for tests, named by what makes them different: a builder already holding a plain
 * one-segment GSM-7 message queued behind its sender, so a test sets only what it is about.
 */
public final class MessageFixture {
  public static final String TO = "+15005550006";

  private MessageFixture() {}

  /** A queued outbound message from {@code from}, created (and last updated) at {@code created}. */
  public static Message.Builder queued(String sid, String accountSid, String from, Instant created) {
    return Message.builder()
        .sid(sid)
        .accountSid(accountSid)
        .to(TO)
        .from(from)
        .body("Hi")
        .status(MessageStatus.QUEUED)
        .direction(Message.OUTBOUND_API)
        .numSegments(1)
        .encoding("GSM")
        .priceUnit("USD")
        .validityPeriod(36_000)
        .dateCreated(created)
        .dateUpdated(created);
  }
}
