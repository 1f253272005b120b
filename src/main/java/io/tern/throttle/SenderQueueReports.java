package io.tern.throttle;

import io.tern.message.Message;
import io.tern.message.PhoneNumbers;
import io.tern.store.Account;
import io.tern.store.AccountRegistry;
import io.tern.store.MessageLifecycle;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * The depth of one sender's queue, for whichever pod is asked.
 *
 * <p>Counted in the store, not asked of the shard that paces the sender: the store is the
 * truth (the shard's counts are estimates between refills, and it does not count messages
 * {@code sending}), it answers the same on every pod with no hop to the shard's owner, and it
 * answers while a shard changes owner, when nobody holds the queue in memory. One sender's
 * count reads that sender's queued rows through their index, so it costs what the queue holds,
 * bounded by its cap. The rate comes from the same rules and records the shard uses.
 */
public final class SenderQueueReports {
  /** The account may send from the sender, at this Throughput (null for its kind's default). */
  private record Registration(Integer throughput) {}

  private final MessageLifecycle store;
  private final AccountRegistry accounts;
  private final RateRules rules;
  private final long maxQueueSeconds;

  public SenderQueueReports(MessageLifecycle store, AccountRegistry accounts, ThrottleOptions options) {
    this.store = store;
    this.accounts = accounts;
    this.rules = new RateRules(options.rates());
    this.maxQueueSeconds = options.maxQueueSeconds();
  }

  /**
   * The queue of {@code from} as {@code account} sends from it; empty when the account may not
   * send from it: a number or short code it has not registered, an alphanumeric ID on a trial
   * account, or text that is no sender at all.
   */
  public Future<Optional<SenderQueueReport>> of(Account account, String from) {
    SenderClass sender;
    try {
      sender = RateRules.classify(from);
    } catch (IllegalArgumentException notASender) {
      return Future.succeededFuture(Optional.empty());
    }
    String value = sender.kind() == SenderKind.LONG_CODE || sender.kind() == SenderKind.TOLL_FREE
        ? PhoneNumbers.parseE164(from).orElseThrow().e164()
        : from;
    Future<Optional<Registration>> registration = switch (sender.kind()) {
      case LONG_CODE, TOLL_FREE -> accounts.findPhoneNumberByValue(account.sid(), value)
          .map(found -> found.map(number -> new Registration(number.throughput())));
      case SHORT_CODE -> accounts.findShortCodeByValue(account.sid(), value)
          .map(found -> found.map(code -> new Registration(code.throughput())));
      // Any account but a trial one may send from an alphanumeric ID (its queue is its own).
      case ALPHANUMERIC -> Future.succeededFuture(account.isTrial()
          ? Optional.empty() : Optional.of(new Registration(null)));
    };
    return registration.compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Optional.empty());
      }
      Integer throughput = found.get().throughput();
      double rate = rules.rateFor(sender, throughput == null ? null : throughput.doubleValue());
      return store.queueDepth(Message.senderKey(account.sid(), value))
          .map(depth -> Optional.of(new SenderQueueReport(value, sender.kind(), depth, rate,
              SenderQueue.capSegments(rate, maxQueueSeconds))));
    });
  }
}
