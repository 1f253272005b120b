package io.tern.message;

import io.tern.carrier.InboundSms;
import java.time.Instant;
import java.util.List;

/** Received messages for tests, as the simulated carrier would deliver them. */
public final class InboundFixture {
  private InboundFixture() {}

  /** A one-part GSM-7 text from a handset to one of Tern's numbers. */
  public static InboundSms text(String from, String to, String text) {
    return new InboundSms("simulated", null, from, to, text, 0, null, List.of(), Instant.now());
  }
}
