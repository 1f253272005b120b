package io.tern.store;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Recipients who replied STOP, and the services' automatic replies. A scope is what the
 * recipient opted out of: a sender number (the pair number and recipient) or a Messaging Service
 * sid (every sender of the service). Durable and shared by every pod: validation reads it for
 * each new message (through {@link CachingOptOuts} on PostgreSQL).
 */
public interface OptOuts {

  /** Records the recipient's opt-out from each scope; one already there stays as it was. */
  Future<Void> optOut(String accountSid, String recipient, Collection<String> scopes, Instant at);

  /** Lifts the recipient's opt-out from each scope. */
  Future<Void> optIn(String accountSid, String recipient, Collection<String> scopes);

  /**
   * True when the recipient opted out of the sender, of the service, or of the Messaging Service
   * the sender is in now: a STOP to one number of a service blocks every sender of it, whether a
   * message names the service or one of its numbers.
   *
   * @param sender the sending number, short code or ID; null when a service will choose it
   * @param serviceSid the message's Messaging Service; null for none
   */
  Future<Boolean> isOptedOut(String accountSid, String recipient, String sender, String serviceSid);

  /**
   * Every recipient who opted out of anything in the account (any scope), when there are at
   * most {@code limit}; empty when there are more. What {@link CachingOptOuts} keeps.
   */
  Future<Optional<Set<String>>> recipientsOptedOut(String accountSid, int limit);

  /** The service's own replies; empty when it keeps Twilio's defaults. */
  Future<Optional<OptOutReplies>> replies(String accountSid, String serviceSid);

  Future<OptOutReplies> saveReplies(OptOutReplies replies);
}
