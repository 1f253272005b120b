package io.tern.store;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Opt-outs as validation reads them for every new message, without a query for each: per
 * account, the recipients who opted out of anything in it, kept for a short time. A recipient
 * not among them is not opted out; one among them (rare) is looked up in the store exactly,
 * since whether a sender's service is one they opted out of can change.
 *
 * <p>How fresh it is. A STOP or START written through this object forgets the account's set
 * before and after the write, so this node applies it at once, and then reports the account to
 * {@link #onChange}; the gateway publishes that to every pod, each of which {@link #forget}s it.
 * A set is kept before its query is sent, so one read while a write commits is forgotten by the
 * notice that follows. Should a notice be lost (a pod cut off from the cluster's event bus),
 * that pod learns of the change when its set expires: within {@code ttlMillis} of the set's
 * query. A set still asked for is read again ahead of its expiry, so the account's requests do
 * not wait for it ({@link KeptLookups}).
 *
 * <p>Bounded: an account with more than {@code maxRecipients} opted-out recipients is not kept
 * (every check on it queries), and the whole map is dropped when it holds too many accounts.
 */
public final class CachingOptOuts implements OptOuts {
  static final int MAX_RECIPIENTS = 10_000;
  private static final int MAX_ACCOUNTS = 10_000;

  private final OptOuts delegate;
  private final boolean keeping;
  private final int maxRecipients;
  /** Per account, its opted-out recipients; empty when the account has too many to keep. */
  private final KeptLookups sets;
  private volatile Consumer<String> changed = accountSid -> { };

  public CachingOptOuts(OptOuts delegate, long ttlMillis) {
    this(delegate, ttlMillis, MAX_RECIPIENTS, System::nanoTime);
  }

  CachingOptOuts(OptOuts delegate, long ttlMillis, int maxRecipients, LongSupplier nanoTime) {
    this.delegate = delegate;
    this.keeping = ttlMillis > 0;
    this.maxRecipients = maxRecipients;
    this.sets = new KeptLookups(ttlMillis, MAX_ACCOUNTS, nanoTime);
  }

  /** Who hears of an account whose opt-outs this node changed, once the change is committed. */
  public void onChange(Consumer<String> changed) {
    this.changed = changed;
  }

  /** Forgets what is kept of an account: its opt-outs changed, here or on another node. */
  public void forget(String accountSid) {
    sets.forget(accountSid);
  }

  @Override
  public Future<Boolean> isOptedOut(String accountSid, String recipient, String sender,
      String serviceSid) {
    if (!keeping) {
      return delegate.isOptedOut(accountSid, recipient, sender, serviceSid);
    }
    return recipients(accountSid).transform(kept ->
        kept.succeeded() && kept.result().isPresent() && !kept.result().get().contains(recipient)
            ? Future.succeededFuture(false)
            : delegate.isOptedOut(accountSid, recipient, sender, serviceSid));
  }

  private Future<Optional<Set<String>>> recipients(String accountSid) {
    return sets.get(accountSid, () -> delegate.recipientsOptedOut(accountSid, maxRecipients));
  }

  @Override
  public Future<Void> optOut(String accountSid, String recipient, Collection<String> scopes,
      Instant at) {
    return written(accountSid, delegate.optOut(accountSid, recipient, scopes, at));
  }

  @Override
  public Future<Void> optIn(String accountSid, String recipient, Collection<String> scopes) {
    return written(accountSid, delegate.optIn(accountSid, recipient, scopes));
  }

  private Future<Void> written(String accountSid, Future<Void> write) {
    forget(accountSid);
    return write.andThen(done -> {
      forget(accountSid);
      if (done.succeeded()) {
        changed.accept(accountSid);
      }
    });
  }

  @Override
  public Future<Optional<Set<String>>> recipientsOptedOut(String accountSid, int limit) {
    return delegate.recipientsOptedOut(accountSid, limit);
  }

  @Override
  public Future<Optional<OptOutReplies>> replies(String accountSid, String serviceSid) {
    return delegate.replies(accountSid, serviceSid);
  }

  @Override
  public Future<OptOutReplies> saveReplies(OptOutReplies replies) {
    return delegate.saveReplies(replies);
  }
}
