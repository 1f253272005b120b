package io.tern.store;

import java.time.Instant;

/**
 * Filters and position for listing one account's messages, newest first.
 *
 * @param dateSentFrom inclusive lower bound on date_sent, or null
 * @param dateSentUntil exclusive upper bound on date_sent, or null
 * @param afterSid the last sid of the page before this one (walking to older messages), or null
 * @param beforeSid the first sid of the page after this one (walking back to newer messages), or
 *     null; at most one of the two is given, and with neither the newest page comes back
 */
public record MessageQuery(
    String accountSid,
    String to,
    String from,
    Instant dateSentFrom,
    Instant dateSentUntil,
    int pageSize,
    String afterSid,
    String beforeSid) {

  /** A query that walks forward (to older messages) only. */
  public MessageQuery(String accountSid, String to, String from, Instant dateSentFrom,
      Instant dateSentUntil, int pageSize, String afterSid) {
    this(accountSid, to, from, dateSentFrom, dateSentUntil, pageSize, afterSid, null);
  }
}
