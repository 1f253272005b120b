package io.tern.store;

import java.time.Instant;

/** The Feedback subresource of a message: whether the recipient confirmed it. */
public record Feedback(
    String accountSid, String messageSid, String outcome, Instant dateCreated, Instant dateUpdated) {}
