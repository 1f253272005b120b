package io.tern.store;

import java.time.Instant;

/** A short code registered on an account, with the ISO country it belongs to. */
public record ShortCode(
    String sid,
    String accountSid,
    String shortCode,
    String countryCode,
    String friendlyName,
    Integer throughput,
    Instant dateCreated,
    Instant dateUpdated) {}
