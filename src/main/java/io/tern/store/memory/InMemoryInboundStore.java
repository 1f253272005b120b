package io.tern.store.memory;

import io.tern.store.InboundPart;
import io.tern.store.InboundRecipient;
import io.tern.store.InboundStore;
import io.tern.store.PendingWebhook;
import io.tern.store.StoredForm;
import io.tern.store.WebhookAttempt;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link InboundStore} in the heap, beside {@link InMemoryMessageStore}: lost on restart like
 * the messages it refers to. One lock; every method returns an already-completed future.
 */
public final class InMemoryInboundStore implements InboundStore {
  private final InMemoryAccountRegistry accounts;
  private final Map<String, TreeMap<Integer, InboundPart>> parts = new LinkedHashMap<>();
  private final Map<String, PendingWebhook> webhooks = new LinkedHashMap<>();
  private final Set<String> finished = new HashSet<>();
  private final List<WebhookAttempt> attempts = new ArrayList<>();

  public InMemoryInboundStore(InMemoryAccountRegistry accounts) {
    this.accounts = accounts;
  }

  @Override
  public Future<Optional<InboundRecipient>> findRecipient(String address) {
    return Future.succeededFuture(accounts.recipient(address));
  }

  @Override
  public synchronized Future<List<InboundPart>> holdPart(InboundPart part) {
    TreeMap<Integer, InboundPart> group = parts.computeIfAbsent(part.groupKey(), key -> new TreeMap<>());
    group.putIfAbsent(part.sequence(), micros(part));
    return Future.succeededFuture(List.copyOf(group.values()));
  }

  @Override
  public synchronized Future<Void> releaseParts(String groupKey) {
    parts.remove(groupKey);
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<List<InboundPart>> partsWaitingSince(Instant cutoff) {
    List<InboundPart> waiting = new ArrayList<>();
    parts.values().stream()
        .filter(group -> group.values().stream().anyMatch(p -> p.receivedAt().isBefore(cutoff)))
        .forEach(group -> waiting.addAll(group.values()));
    return Future.succeededFuture(waiting);
  }

  @Override
  public synchronized Future<Void> enqueueWebhook(
      String accountSid, String messageSid, String optOutType, Instant due) {
    if (!finished.contains(messageSid)) {
      webhooks.putIfAbsent(messageSid, new PendingWebhook(messageSid, accountSid, optOutType, 0,
          StoredForm.of(due), StoredForm.of(due)));
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Boolean> hasWebhook(String messageSid) {
    return Future.succeededFuture(webhooks.containsKey(messageSid) || finished.contains(messageSid));
  }

  @Override
  public synchronized Future<List<PendingWebhook>> claimDueWebhooks(
      Instant now, Instant claimUntil, int limit) {
    List<PendingWebhook> due = webhooks.values().stream()
        .filter(webhook -> !webhook.nextAttemptAt().isAfter(now))
        .sorted(Comparator.comparing(PendingWebhook::nextAttemptAt))
        .limit(limit)
        .toList();
    due.forEach(webhook -> webhooks.put(webhook.messageSid(), new PendingWebhook(
        webhook.messageSid(), webhook.accountSid(), webhook.optOutType(), webhook.attempts(),
        StoredForm.of(claimUntil), webhook.createdAt())));
    return Future.succeededFuture(due);
  }

  @Override
  public synchronized Future<Void> retryWebhook(String messageSid, int attemptCount, Instant next) {
    webhooks.computeIfPresent(messageSid, (sid, webhook) -> new PendingWebhook(sid,
        webhook.accountSid(), webhook.optOutType(), attemptCount, StoredForm.of(next),
        webhook.createdAt()));
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> finishWebhook(String messageSid, Instant at) {
    webhooks.remove(messageSid);
    finished.add(messageSid);
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> recordWebhookAttempt(WebhookAttempt attempt) {
    attempts.add(new WebhookAttempt(attempt.messageSid(), attempt.accountSid(), attempt.url(),
        attempt.method(), attempt.kind(), StoredForm.of(attempt.attemptedAt()),
        attempt.httpStatus(), attempt.errorCode(), attempt.error()));
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<List<WebhookAttempt>> webhookAttempts(String accountSid, String messageSid) {
    return Future.succeededFuture(attempts.stream()
        .filter(a -> a.messageSid().equals(messageSid) && a.accountSid().equals(accountSid))
        .toList());
  }

  private static InboundPart micros(InboundPart part) {
    return new InboundPart(part.groupKey(), part.sequence(), part.total(), part.connection(),
        part.carrierId(), part.from(), part.to(), part.body(), StoredForm.of(part.receivedAt()));
  }
}
