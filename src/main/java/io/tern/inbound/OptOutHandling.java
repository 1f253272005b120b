package io.tern.inbound;

import io.tern.message.Message;
import io.tern.store.InboundRecipient;
import io.tern.store.OptOuts;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an opt-out keyword does to the store: STOP blocks the pair (number, sender of the
 * keyword), and the whole Messaging Service when the number is in one; START lifts both. HELP
 * changes nothing. Short codes outside a Messaging Service are left alone, as on Twilio.
 *
 * <p>Applied once per received message: a carrier's redelivery of a keyword whose message was
 * handled in full is not applied again (see {@link InboundReceiver}), since the recipient may
 * have sent the opposite keyword since.
 */
final class OptOutHandling {
  private final OptOuts optOuts;

  OptOutHandling(OptOuts optOuts) {
    this.optOuts = optOuts;
  }

  /** The scopes a recipient's keyword to this number applies to; empty when none. */
  static List<String> scopes(InboundRecipient recipient) {
    List<String> scopes = new ArrayList<>();
    boolean shortCode = !recipient.address().startsWith("+");
    if (!shortCode || recipient.inService()) {
      scopes.add(recipient.address());
    }
    if (recipient.inService()) {
      scopes.add(recipient.serviceSid());
    }
    return scopes;
  }

  Future<Void> apply(InboundRecipient recipient, Message inbound, Optional<Keyword> keyword) {
    List<String> scopes = scopes(recipient);
    if (keyword.isEmpty() || scopes.isEmpty()) {
      return Future.succeededFuture();
    }
    return switch (keyword.get()) {
      case STOP -> optOuts.optOut(inbound.accountSid(), inbound.from(), scopes, inbound.dateCreated());
      case START -> optOuts.optIn(inbound.accountSid(), inbound.from(), scopes);
      case HELP -> Future.succeededFuture();
    };
  }
}
