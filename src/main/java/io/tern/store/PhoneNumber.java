package io.tern.store;

import java.time.Instant;

/**
 * A number registered on an account as a sender (an IncomingPhoneNumber).
 *
 * @param throughput segments per second for this sender, or null for the default of its kind
 */
public record PhoneNumber(
    String sid,
    String accountSid,
    String phoneNumber,
    String friendlyName,
    String smsUrl,
    String statusCallback,
    Integer throughput,
    Instant dateCreated,
    Instant dateUpdated) {}
