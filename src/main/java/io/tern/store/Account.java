package io.tern.store;

import java.time.Instant;

/**
 * A Twilio account: the main account or one of its subaccounts.
 *
 * @param ownerAccountSid the main account's sid; for the main account its own sid
 */
public record Account(
    String sid,
    String authToken,
    String friendlyName,
    String ownerAccountSid,
    Status status,
    Type type,
    Instant dateCreated,
    Instant dateUpdated) {

  public enum Status { ACTIVE, SUSPENDED, CLOSED }

  public enum Type { TRIAL, FULL }

  public boolean isMain() {
    return sid.equals(ownerAccountSid);
  }

  public boolean isTrial() {
    return type == Type.TRIAL;
  }

  /** True when this account may act on {@code other}'s resources: itself, or a parent. */
  public boolean canActFor(Account other) {
    return sid.equals(other.sid) || (isMain() && sid.equals(other.ownerAccountSid));
  }
}
