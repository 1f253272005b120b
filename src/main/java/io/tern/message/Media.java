package io.tern.message;

import java.time.Instant;

/** One MediaUrl of an MMS message, as checked at creation. */
public record Media(
    String sid,
    String accountSid,
    String parentSid,
    String url,
    String contentType,
    Instant dateCreated) {}
