package io.tern.store;

import java.time.Instant;

/**
 * Filters and position for listing one account's messages, newest first.
 *
 * @param dateSentFrom inclusive lower bound on date_sent, or null
 * @param dateSentUntil exclusive upper bound on date_sent, or null
 * @param afterSid the last sid of the previous page (from a PageToken), or null for the first page
 */
public record MessageQuery(
    String accountSid,
    String to,
    String from,
    Instant dateSentFrom,
    Instant dateSentUntil,
    int pageSize,
    String afterSid) {}
