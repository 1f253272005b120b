package io.tern.store;

import java.time.Instant;

/** A destination number verified for a trial account (an OutgoingCallerId). */
public record CallerId(
    String sid, String accountSid, String phoneNumber, String friendlyName, Instant dateCreated) {}
