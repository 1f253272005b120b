package io.tern.store.memory;

import io.tern.store.OptOutReplies;
import io.tern.store.OptOuts;
import io.tern.store.StoredForm;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link OptOuts} in the heap, for the in-memory gateway (one pod, lost on restart). */
public final class InMemoryOptOuts implements OptOuts {
  private record Key(String accountSid, String recipient, String scope) {}

  private final Set<Key> optedOut = new HashSet<>();
  private final Map<String, OptOutReplies> replies = new HashMap<>();
  private final InMemoryAccountRegistry accounts;

  /** @param accounts where the service a sender is in is found */
  public InMemoryOptOuts(InMemoryAccountRegistry accounts) {
    this.accounts = accounts;
  }

  @Override
  public synchronized Future<Void> optOut(
      String accountSid, String recipient, Collection<String> scopes, Instant at) {
    scopes.forEach(scope -> optedOut.add(new Key(accountSid, recipient, scope)));
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> optIn(String accountSid, String recipient, Collection<String> scopes) {
    scopes.forEach(scope -> optedOut.remove(new Key(accountSid, recipient, scope)));
    return Future.succeededFuture();
  }

  @Override
  public Future<Boolean> isOptedOut(
      String accountSid, String recipient, String sender, String serviceSid) {
    // Asked for every message: three lookups, no list of scopes. The sender's service is found
    // before this lock is taken, as the registry has one of its own.
    String senderService = sender == null ? null : accounts.serviceSidOf(sender);
    synchronized (this) {
      return Future.succeededFuture(optedOutOf(accountSid, recipient, sender)
          || optedOutOf(accountSid, recipient, senderService)
          || optedOutOf(accountSid, recipient, serviceSid));
    }
  }

  private boolean optedOutOf(String accountSid, String recipient, String scope) {
    return scope != null && optedOut.contains(new Key(accountSid, recipient, scope));
  }

  @Override
  public synchronized Future<Optional<Set<String>>> recipientsOptedOut(String accountSid, int limit) {
    Set<String> recipients = new HashSet<>();
    optedOut.stream().filter(key -> key.accountSid().equals(accountSid))
        .forEach(key -> recipients.add(key.recipient()));
    return Future.succeededFuture(recipients.size() > limit ? Optional.empty() : Optional.of(recipients));
  }

  @Override
  public synchronized Future<Optional<OptOutReplies>> replies(String accountSid, String serviceSid) {
    OptOutReplies found = replies.get(serviceSid);
    return Future.succeededFuture(Optional.ofNullable(found)
        .filter(r -> r.accountSid().equals(accountSid)));
  }

  @Override
  public synchronized Future<OptOutReplies> saveReplies(OptOutReplies saved) {
    OptOutReplies stored = new OptOutReplies(saved.serviceSid(), saved.accountSid(), saved.enabled(),
        saved.stopText(), saved.startText(), saved.helpText(), StoredForm.of(saved.dateUpdated()));
    replies.put(stored.serviceSid(), stored);
    return Future.succeededFuture(stored);
  }
}
