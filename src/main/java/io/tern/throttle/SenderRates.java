package io.tern.throttle;

import io.tern.store.AccountRegistry;
import io.tern.store.PhoneNumber;
import io.tern.store.ShortCode;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The rate of each sender a shard has seen: Twilio's default for its kind and country, unless
 * its registered number or short code carries its own Throughput. Kept as futures so messages of
 * a sender that arrive while its rate is being looked up keep their order. Not thread-safe: one
 * per shard, used on the shard's event loop. A rate is looked up once per sender and shard
 * lifetime, so a changed Throughput applies from the next start.
 */
final class SenderRates {
  private final RateRules rules;
  private final AccountRegistry accounts;
  private final Map<String, Future<Double>> bySender = new HashMap<>();

  SenderRates(RateRules rules, AccountRegistry accounts) {
    this.rules = rules;
    this.accounts = accounts;
  }

  Future<Double> rateOf(ShardMessage message) {
    return bySender.computeIfAbsent(message.senderKey(), key -> lookUp(message));
  }

  private Future<Double> lookUp(ShardMessage message) {
    SenderClass sender;
    try {
      sender = RateRules.classify(message.from());
    } catch (IllegalArgumentException unknownKind) {
      return Future.succeededFuture(rules.defaults().alphanumeric());
    }
    Future<Optional<Integer>> override = switch (sender.kind()) {
      case LONG_CODE, TOLL_FREE -> accounts.findPhoneNumberByValue(message.accountSid(), message.from())
          .map(found -> found.map(PhoneNumber::throughput));
      case SHORT_CODE -> accounts.findShortCodeByValue(message.accountSid(), message.from())
          .map(found -> found.map(ShortCode::throughput));
      case ALPHANUMERIC -> Future.succeededFuture(Optional.empty());
    };
    return override
        .map(throughput -> rules.rateFor(sender, throughput.map(Integer::doubleValue).orElse(null)))
        .otherwise(failure -> rules.rateFor(sender));
  }
}
