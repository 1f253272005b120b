package io.tern.store.memory;

import io.tern.store.DuplicateException;
import io.tern.store.Feedback;
import io.tern.store.Media;
import io.tern.store.Message;
import io.tern.store.MessageQuery;
import io.tern.store.MessageStore;
import io.tern.store.NotFoundException;
import io.tern.store.Page;
import io.tern.store.StoredForm;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The zero-set-up message store: everything in memory, gone on restart.
 *
 * <p>Shared by verticles on several event loops. Reads are lock-free over concurrent maps;
 * writes take this object's lock so the sid map, the per-account listing index and the
 * idempotency keys always agree. Every method returns an already-completed future.
 *
 * <p>Idempotency keys expire by themselves: each insert drops the keys that fell out of the
 * window (oldest first, measured on the inserted messages' dateCreated), so the key table holds
 * at most one window's worth of keys without anyone calling {@link #expireIdempotencyKeys}.
 */
public final class InMemoryMessageStore implements MessageStore {

  /** Listing position: newest first, then sid descending. */
  private record Position(Instant dateCreated, String sid) {
    static final Comparator<Position> NEWEST_FIRST =
        Comparator.comparing(Position::dateCreated).thenComparing(Position::sid).reversed();

    static Position of(Message message) {
      return new Position(message.dateCreated(), message.sid());
    }
  }

  private record KeyId(String accountSid, String key) {}

  private record KeyEntry(KeyId id, String messageSid, Instant createdAt) {}

  private final Map<String, Message> bySid = new ConcurrentHashMap<>();
  private final Map<String, NavigableMap<Position, Message>> byAccount = new ConcurrentHashMap<>();
  private final Map<String, Feedback> feedback = new ConcurrentHashMap<>();
  // Guarded by this: keys and the order they were created in, for expiry from the oldest.
  private final Map<KeyId, KeyEntry> keys = new HashMap<>();
  private final ArrayDeque<KeyEntry> keysByAge = new ArrayDeque<>();

  @Override
  public Future<Message> insert(Message message, String idempotencyKey) {
    Message stored = StoredForm.of(message);
    synchronized (this) {
      expireKeysBefore(stored.dateCreated().minus(IDEMPOTENCY_WINDOW));
      KeyId keyId = idempotencyKey == null ? null : new KeyId(stored.accountSid(), idempotencyKey);
      if (keyId != null) {
        KeyEntry earlier = keys.get(keyId);
        Message first = earlier == null ? null : bySid.get(earlier.messageSid());
        if (first != null && withinWindow(earlier.createdAt(), stored.dateCreated())) {
          return Future.succeededFuture(first);
        }
      }
      if (bySid.containsKey(stored.sid())) {
        return Future.failedFuture(new DuplicateException("Message " + stored.sid() + " exists"));
      }
      bySid.put(stored.sid(), stored);
      listing(stored.accountSid()).put(Position.of(stored), stored);
      if (keyId != null) {
        KeyEntry entry = new KeyEntry(keyId, stored.sid(), stored.dateCreated());
        keys.put(keyId, entry);
        keysByAge.addLast(entry);
      }
    }
    return Future.succeededFuture(stored);
  }

  private static boolean withinWindow(Instant keyCreated, Instant now) {
    return keyCreated.isAfter(now.minus(IDEMPOTENCY_WINDOW));
  }

  @Override
  public Future<Optional<Message>> find(String accountSid, String sid) {
    return Future.succeededFuture(owned(accountSid, sid));
  }

  private Optional<Message> owned(String accountSid, String sid) {
    Message message = sid == null ? null : bySid.get(sid);
    return message != null && message.accountSid().equals(accountSid)
        ? Optional.of(message)
        : Optional.empty();
  }

  @Override
  public Future<Page<Message>> list(MessageQuery query) {
    if (query.pageSize() < 1) {
      return Future.failedFuture(new IllegalArgumentException("pageSize must be at least 1"));
    }
    NavigableMap<Position, Message> all =
        query.accountSid() == null ? null : byAccount.get(query.accountSid());
    if (all == null) {
      return Future.succeededFuture(new Page<>(List.of(), false));
    }
    NavigableMap<Position, Message> candidates = all;
    if (query.afterSid() != null) {
      Optional<Message> after = owned(query.accountSid(), query.afterSid());
      if (after.isEmpty()) {
        return Future.succeededFuture(new Page<>(List.of(), false));
      }
      candidates = all.tailMap(Position.of(after.get()), false);
    }
    List<Message> items = new ArrayList<>();
    boolean hasMore = false;
    for (Message message : candidates.values()) {
      if (!matches(query, message)) {
        continue;
      }
      if (items.size() == query.pageSize()) {
        hasMore = true;
        break;
      }
      items.add(message);
    }
    return Future.succeededFuture(new Page<>(items, hasMore));
  }

  private static boolean matches(MessageQuery query, Message message) {
    if (query.to() != null && !query.to().equals(message.to())) {
      return false;
    }
    if (query.from() != null && !query.from().equals(message.from())) {
      return false;
    }
    Instant sent = message.dateSent();
    if (query.dateSentFrom() != null && (sent == null || sent.isBefore(query.dateSentFrom()))) {
      return false;
    }
    return query.dateSentUntil() == null || (sent != null && sent.isBefore(query.dateSentUntil()));
  }

  @Override
  public Future<Message> update(Message message) {
    Message given = StoredForm.of(message);
    synchronized (this) {
      Optional<Message> current = owned(given.accountSid(), given.sid());
      if (current.isEmpty()) {
        return Future.failedFuture(new NotFoundException("Message " + given.sid() + " not found"));
      }
      Message old = current.get();
      Message updated = new Message(old.sid(), old.accountSid(), given.to(), given.from(),
          given.messagingServiceSid(), given.body(), given.status(), given.direction(),
          given.numSegments(), given.encoding(), old.media(), given.errorCode(),
          given.errorMessage(), given.price(), given.priceUnit(), given.statusCallback(),
          given.validityPeriod(), given.sendAt(), old.dateCreated(), given.dateUpdated(),
          given.dateSent());
      replace(updated);
      return Future.succeededFuture(updated);
    }
  }

  /** Caller holds the lock; the position is unchanged because dateCreated never changes. */
  private void replace(Message updated) {
    bySid.put(updated.sid(), updated);
    listing(updated.accountSid()).put(Position.of(updated), updated);
  }

  @Override
  public Future<Boolean> delete(String accountSid, String sid) {
    synchronized (this) {
      Optional<Message> current = owned(accountSid, sid);
      if (current.isEmpty()) {
        return Future.succeededFuture(false);
      }
      bySid.remove(sid);
      listing(accountSid).remove(Position.of(current.get()));
      feedback.remove(sid);
      // The key itself goes when it expires; it no longer answers, as its message is gone.
      return Future.succeededFuture(true);
    }
  }

  @Override
  public Future<Boolean> deleteMedia(String accountSid, String messageSid, String mediaSid) {
    synchronized (this) {
      Optional<Message> current = owned(accountSid, messageSid);
      if (current.isEmpty()) {
        return Future.succeededFuture(false);
      }
      Message old = current.get();
      List<Media> kept = old.media().stream()
          .filter(item -> !item.sid().equals(mediaSid))
          .toList();
      if (kept.size() == old.media().size()) {
        return Future.succeededFuture(false);
      }
      replace(new Message(old.sid(), old.accountSid(), old.to(), old.from(),
          old.messagingServiceSid(), old.body(), old.status(), old.direction(),
          old.numSegments(), old.encoding(), kept, old.errorCode(), old.errorMessage(),
          old.price(), old.priceUnit(), old.statusCallback(), old.validityPeriod(), old.sendAt(),
          old.dateCreated(), old.dateUpdated(), old.dateSent()));
      return Future.succeededFuture(true);
    }
  }

  @Override
  public Future<Feedback> saveFeedback(Feedback given) {
    Feedback stored = StoredForm.of(given);
    synchronized (this) {
      if (owned(stored.accountSid(), stored.messageSid()).isEmpty()) {
        return Future.failedFuture(
            new NotFoundException("Message " + stored.messageSid() + " not found"));
      }
      Feedback earlier = feedback.get(stored.messageSid());
      Feedback saved = earlier == null
          ? stored
          : new Feedback(stored.accountSid(), stored.messageSid(), stored.outcome(),
              earlier.dateCreated(), stored.dateUpdated());
      feedback.put(saved.messageSid(), saved);
      return Future.succeededFuture(saved);
    }
  }

  @Override
  public synchronized Future<Void> expireIdempotencyKeys(Instant cutoff) {
    keysByAge.removeIf(entry -> entry.createdAt().isBefore(cutoff));
    keys.values().removeIf(entry -> entry.createdAt().isBefore(cutoff));
    return Future.succeededFuture();
  }

  /**
   * Caller holds the lock. Drops keys from the oldest while they are older than the cutoff; a
   * key that arrived out of clock order waits behind a younger one, which only delays it.
   */
  private void expireKeysBefore(Instant cutoff) {
    while (!keysByAge.isEmpty() && !keysByAge.peekFirst().createdAt().isAfter(cutoff)) {
      KeyEntry oldest = keysByAge.removeFirst();
      // Only if the key was not taken over by a newer message since.
      keys.remove(oldest.id(), oldest);
    }
  }

  private NavigableMap<Position, Message> listing(String accountSid) {
    return byAccount.computeIfAbsent(
        accountSid, ignored -> new ConcurrentSkipListMap<>(Position.NEWEST_FIRST));
  }

  /** Number of idempotency keys held, for tests of expiry. */
  synchronized int idempotencyKeyCount() {
    return keys.size();
  }
}
