package io.tern.store.memory;

import io.tern.store.CallbackAttempt;
import io.tern.store.CallbackForm;
import io.tern.store.CarrierIds;
import io.tern.store.DuplicateException;
import io.tern.store.Feedback;
import io.tern.store.LastSend;
import io.tern.message.Media;
import io.tern.message.Message;
import io.tern.store.MessageQuery;
import io.tern.message.MessageStatus;
import io.tern.store.MessageStore;
import io.tern.store.NotFoundException;
import io.tern.store.Page;
import io.tern.store.PendingCallback;
import io.tern.store.QueuedMessage;
import io.tern.store.SenderBacklog;
import io.tern.store.SenderQueueDepth;
import io.tern.message.StatusChange;
import io.tern.store.StoredForm;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;

/**
 * The zero-set-up message store: everything in memory, gone on restart.
 *
 * <p>It keeps every message it is given, so each is kept packed ({@link PackedMessage}): two
 * objects instead of about eight, for the collector to trace again at every marking cycle.
 * Reads unpack what they return; each change packs the message again.
 *
 * <p>Shared by verticles on several event loops. Reads are lock-free over concurrent maps, but
 * for the sender queues ({@link SenderQueueIndex}), which the throttle alone reads, seldom, and
 * the account listings ({@link AccountListing}), read a slice at a time under the lock: arrays,
 * whose slot per message the collector need not trace as it would a skip list's nodes. Writes
 * take this object's lock so the sid map, the listings and the idempotency keys always agree.
 * Every method returns an already-completed future.
 *
 * <p>Idempotency keys expire by themselves: each insert drops the keys that fell out of the
 * window (oldest first, measured on the inserted messages' dateCreated), so the key table holds
 * at most one window's worth of keys without anyone calling {@link #expireIdempotencyKeys}.
 *
 * <p>Messages on their way are indexed twice more, oldest first: scheduled and accepted ones by
 * status (for {@link #findByStatus}, which recovery calls with those two), and queued or sending
 * ones by sender key (for {@link #queuedForSender} and {@link #backlog}), so refilling one
 * sender's queue reads only that sender's messages. Other statuses have no index of their own
 * (most messages end in one of them, and an index would keep a sorted entry per message for
 * nothing): {@link #findByStatus} with one of them scans every message.
 *
 * <p>The callback outbox keeps, per message, its pending callbacks by sequence and its attempt
 * history; only the head (lowest pending sequence) of each message sits in the due set, ordered
 * by nextAttemptAt, so {@link #dueCallbacks} reads the front of one sorted set. Callback URLs of
 * Messaging Services come from the in-memory registry the store was built with.
 */
public final class InMemoryMessageStore implements MessageStore {

  /** Position by creation, oldest first: the order of the status indexes. */
  private record Position(Instant dateCreated, String sid) {
    // Written out rather than composed with Comparator.comparing: every insert and status
    // change compares positions a few dozen times, and the composed form was 9% of the CPU of
    // the accept path in memory.
    static final Comparator<Position> OLDEST_FIRST = Position::oldestFirst;

    private static int oldestFirst(Position a, Position b) {
      int byDate = a.dateCreated.compareTo(b.dateCreated);
      return byDate != 0 ? byDate : a.sid.compareTo(b.sid);
    }

    static Position of(Message message) {
      return new Position(message.dateCreated(), message.sid());
    }
  }

  private record KeyId(String accountSid, String key) {}

  private record LatestSend(String sid, LastSend send) {
    /** Later, or as late with more segments: the order {@link #lastSend} promises. */
    boolean isBefore(LastSend other) {
      int byDate = send.dateSent().compareTo(other.dateSent());
      return byDate != 0 ? byDate < 0 : send.segments() < other.segments();
    }
  }

  private record KeyEntry(KeyId id, String messageSid, Instant createdAt) {}

  /** A head callback in the due set. */
  private record Due(Instant nextAttemptAt, long id) {
    static final Comparator<Due> EARLIEST_FIRST =
        Comparator.comparing(Due::nextAttemptAt).thenComparingLong(Due::id);

    static Due of(PendingCallback callback) {
      return new Due(callback.nextAttemptAt(), callback.id());
    }
  }

  /** One message's callbacks. Guarded by the store's lock. */
  private static final class MessageCallbacks {
    final String accountSid;
    int written;
    final NavigableMap<Integer, PendingCallback> pending = new TreeMap<>();
    /** Pending and finished, as last written: the message's callback history. */
    final NavigableMap<Integer, PendingCallback> all = new TreeMap<>();
    final List<CallbackAttempt> attempts = new ArrayList<>();

    MessageCallbacks(String accountSid) {
      this.accountSid = accountSid;
    }
  }

  private final InMemoryAccountRegistry accounts;
  private final Map<String, PackedMessage> bySid = new ConcurrentHashMap<>();
  private final InMemoryCarrierIds carrierIds = new InMemoryCarrierIds(this::kept);
  // Guarded by this, reads included.
  private final Map<String, AccountListing> byAccount = new HashMap<>();
  private final Map<String, Feedback> feedback = new ConcurrentHashMap<>();
  // Guarded by this: keys and the order they were created in, for expiry from the oldest.
  private final Map<KeyId, KeyEntry> keys = new HashMap<>();
  private final ArrayDeque<KeyEntry> keysByAge = new ArrayDeque<>();
  /** The direction of a received message, which never counts as its sender's send. */
  private static final String INBOUND = "inbound";
  /** Messages a listing looks at per hold of the lock: some tens of microseconds. */
  private static final int LISTING_SLICE = 4096;
  /** Statuses with an index of their own: the ones recovery looks for (see the class comment). */
  private static final Set<MessageStatus> INDEXED_STATUSES =
      EnumSet.of(MessageStatus.SCHEDULED, MessageStatus.ACCEPTED);
  // Written under the lock, read without it. Every indexed status has its map from the start.
  private final Map<MessageStatus, NavigableMap<Position, Message>> byStatus =
      new EnumMap<>(MessageStatus.class);
  // Guarded by this, reads included.
  private final Map<String, SenderQueueIndex> queuedBySender = new HashMap<>();
  // Guarded by this: the outbox.
  /**
   * Each sender's latest send and the sid that made it, kept as messages change rather than
   * found by a scan of every message: a throttle asks for it per sender when it takes a shard.
   * Written under the lock.
   */
  private final Map<String, LatestSend> latestSends = new ConcurrentHashMap<>();
  private final Map<String, MessageCallbacks> callbacksByMessage = new HashMap<>();
  private final Map<Long, PendingCallback> pendingById = new HashMap<>();
  private final TreeSet<Due> due = new TreeSet<>(Due.EARLIEST_FIRST);
  private long lastCallbackId;

  /** @param accounts where the callback URLs of Messaging Services are found */
  /** The carrier ids this store records with {@code sent}, and the reports matched to them. */
  public CarrierIds carrierIds() {
    return carrierIds;
  }

  public InMemoryMessageStore(InMemoryAccountRegistry accounts) {
    this.accounts = Objects.requireNonNull(accounts);
    for (MessageStatus status : INDEXED_STATUSES) {
      byStatus.put(status, new ConcurrentSkipListMap<>(Position.OLDEST_FIRST));
    }
  }

  @Override
  public Future<Message> insert(Message message, String idempotencyKey) {
    Message stored = StoredForm.of(message);
    synchronized (this) {
      expireKeysBefore(stored.dateCreated().minus(IDEMPOTENCY_WINDOW));
      KeyId keyId = idempotencyKey == null ? null : new KeyId(stored.accountSid(), idempotencyKey);
      if (keyId != null) {
        KeyEntry earlier = keys.get(keyId);
        Message first = earlier == null ? null : kept(earlier.messageSid());
        if (first != null && withinWindow(earlier.createdAt(), stored.dateCreated())) {
          return Future.succeededFuture(first);
        }
      }
      // One look-up of the sid, not a check and then a put: on a map of millions of messages
      // each look-up is a cache miss, on every accept.
      PackedMessage packed = PackedMessage.of(stored);
      if (bySid.putIfAbsent(stored.sid(), packed) != null) {
        return Future.failedFuture(new DuplicateException("Message " + stored.sid() + " exists"));
      }
      listing(stored.accountSid()).put(packed);
      reindex(null, stored, packed);
      noteSend(stored);
      if (keyId != null) {
        KeyEntry entry = new KeyEntry(keyId, stored.sid(), stored.dateCreated());
        keys.put(keyId, entry);
        keysByAge.addLast(entry);
      }
    }
    return Future.succeededFuture(stored);
  }

  @Override
  public synchronized Future<Optional<Message>> findByIdempotencyKey(String accountSid,
      String idempotencyKey) {
    KeyEntry entry = keys.get(new KeyId(accountSid, idempotencyKey));
    return Future.succeededFuture(
        Optional.ofNullable(entry == null ? null : kept(entry.messageSid())));
  }

  private static boolean withinWindow(Instant keyCreated, Instant now) {
    return keyCreated.isAfter(now.minus(IDEMPOTENCY_WINDOW));
  }

  @Override
  public Future<Optional<Message>> find(String accountSid, String sid) {
    return Future.succeededFuture(owned(accountSid, sid));
  }

  private Optional<Message> owned(String accountSid, String sid) {
    Message message = kept(sid);
    return message != null && message.accountSid().equals(accountSid)
        ? Optional.of(message)
        : Optional.empty();
  }

  /** The message with this sid, read back from the form it is kept in; null if none. */
  private Message kept(String sid) {
    PackedMessage packed = sid == null ? null : bySid.get(sid);
    return packed == null ? null : packed.unpack();
  }

  @Override
  public Future<Page<Message>> list(MessageQuery query) {
    if (query.pageSize() < 1) {
      return Future.failedFuture(new IllegalArgumentException("pageSize must be at least 1"));
    }
    String cursorSid = query.afterSid() != null ? query.afterSid() : query.beforeSid();
    PackedMessage cursor = cursorSid == null ? null : bySid.get(cursorSid);
    if (cursorSid != null
        && (cursor == null || !cursor.accountSid().equals(query.accountSid()))) {
      return Future.succeededFuture(new Page<>(List.of(), false));
    }
    // Newest first, so after a cursor means older; before one, the nearest newer messages
    // first, turned newest-first at the end.
    boolean towardOlder = query.beforeSid() == null || query.afterSid() != null;
    List<Message> items = walk(query, cursor, towardOlder);
    boolean hasMore = items.size() > query.pageSize();
    if (hasMore) {
      items.remove(items.size() - 1);
    }
    if (!towardOlder) {
      Collections.reverse(items);
    }
    return Future.succeededFuture(new Page<>(items, hasMore));
  }

  /**
   * Up to one more than a page of the account's messages that match the query, walking the
   * listing a slice at a time so that a filtered walk over millions of messages lets writers
   * in between slices.
   */
  private List<Message> walk(MessageQuery query, PackedMessage cursor, boolean towardOlder) {
    List<Message> items = new ArrayList<>();
    int wanted = query.pageSize() + 1;
    PackedMessage from = cursor;
    while (items.size() < wanted) {
      AccountListing.Slice slice;
      synchronized (this) {
        AccountListing listing = byAccount.get(query.accountSid());
        if (listing == null) {
          break;
        }
        slice = listing.walk(from, towardOlder, message -> matches(query, message),
            wanted - items.size(), LISTING_SLICE);
      }
      slice.matches().forEach(packed -> items.add(packed.unpack()));
      if (slice.finished()) {
        break;
      }
      from = slice.last();
    }
    return items;
  }

  /** Whether a kept message passes the query's filters, read without unpacking it. */
  private static boolean matches(MessageQuery query, PackedMessage message) {
    if (query.to() != null && !query.to().equals(message.to())) {
      return false;
    }
    if (query.from() != null && !query.from().equals(message.from())) {
      return false;
    }
    if (query.dateSentFrom() == null && query.dateSentUntil() == null) {
      return true;
    }
    Instant sent = message.dateSent();
    if (query.dateSentFrom() != null && (sent == null || sent.isBefore(query.dateSentFrom()))) {
      return false;
    }
    return query.dateSentUntil() == null || (sent != null && sent.isBefore(query.dateSentUntil()));
  }

  @Override
  public Future<Optional<Message>> redact(String accountSid, String sid, Instant at) {
    Instant when = StoredForm.of(at);
    synchronized (this) {
      Optional<Message> redacted = owned(accountSid, sid).filter(m -> m.status().isFinal())
          .map(old -> {
            Message updated = old.withBody("", when);
            replace(old, updated);
            return updated;
          });
      return Future.succeededFuture(redacted);
    }
  }

  /** Caller holds the lock; the position is unchanged because dateCreated never changes. */
  private void replace(Message old, Message updated) {
    PackedMessage packed = PackedMessage.of(updated);
    bySid.put(updated.sid(), packed);
    listing(updated.accountSid()).put(packed);
    reindex(old, updated, packed);
  }

  /**
   * Caller holds the lock. Moves a message between the status and sender indexes. A message
   * that stays in a status index is replaced in place, never taken out and put back, so a
   * reader without the lock never misses it; the sender queues are read under the lock. An
   * emptied sender queue stays: senders are few.
   */
  private void reindex(Message old, Message updated, PackedMessage packed) {
    move(byStatus.get(old == null ? null : old.status()),
        byStatus.get(updated == null ? null : updated.status()), old, updated);
    String oldKey = old == null ? null : queuedSenderKey(old);
    String newKey = updated == null ? null : queuedSenderKey(updated);
    if (oldKey != null && !oldKey.equals(newKey)) {
      queuedBySender.get(oldKey).remove(old);
    }
    if (newKey != null) {
      queuedBySender.computeIfAbsent(newKey, ignored -> new SenderQueueIndex()).put(packed);
    }
  }

  private static void move(NavigableMap<Position, Message> from,
      NavigableMap<Position, Message> to, Message old, Message updated) {
    if (from != null && from != to) {
      from.remove(Position.of(old));
    }
    if (to != null) {
      to.put(Position.of(updated), updated);
    }
  }

  /** Caller holds the lock. Keeps the message as its sender's latest send if it is one. */
  private void noteSend(Message message) {
    String key = message.senderKey();
    if (key == null || message.dateSent() == null || isInbound(message)) {
      return;
    }
    LastSend send = new LastSend(key, message.dateSent(), message.numSegments());
    LatestSend latest = latestSends.get(key);
    if (latest == null || latest.sid().equals(message.sid()) || latest.isBefore(send)) {
      latestSends.put(key, new LatestSend(message.sid(), send));
    }
  }

  /**
   * Caller holds the lock. A deleted message that was its sender's latest send gives way to the
   * latest of the rest, found by a scan: deleting a just-sent message is rare.
   */
  private void forgetSend(Message deleted) {
    String key = deleted.senderKey();
    LatestSend latest = key == null ? null : latestSends.get(key);
    if (latest == null || !latest.sid().equals(deleted.sid())) {
      return;
    }
    latestSends.remove(key);
    for (PackedMessage packed : bySid.values()) {
      // Compared on the fields kept unpacked; only the sender's own messages are read back.
      if (key.equals(Message.senderKey(packed.accountSid(), packed.from()))) {
        noteSend(packed.unpack());
      }
    }
  }

  private static boolean isInbound(Message message) {
    return INBOUND.equals(message.direction());
  }

  /** The sender whose queue holds the message, or null when it is in no queue. */
  private static String queuedSenderKey(Message message) {
    boolean queued = message.status() == MessageStatus.QUEUED
        || message.status() == MessageStatus.SENDING;
    return queued ? message.senderKey() : null;
  }

  @Override
  public Future<Boolean> delete(String accountSid, String sid) {
    synchronized (this) {
      Optional<Message> current = owned(accountSid, sid);
      if (current.isEmpty()) {
        return Future.succeededFuture(false);
      }
      listing(accountSid).remove(bySid.remove(sid));
      reindex(current.get(), null, null);
      forgetSend(current.get());
      feedback.remove(sid);
      forgetCallbacks(sid);
      carrierIds.forget(sid);
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
      replace(old, old.toBuilder().media(kept).build());
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

  // Lifecycle: status changes and the callback outbox

  @Override
  public Future<List<Message>> applyStatusChanges(List<StatusChange> changes) {
    List<StatusChange> stored;
    try {
      stored = changes.stream().map(InMemoryMessageStore::checked).map(StoredForm::of).toList();
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    List<Message> results = new ArrayList<>(stored.size());
    synchronized (this) {
      for (StatusChange change : stored) {
        results.add(apply(change));
      }
    }
    return Future.succeededFuture(results);
  }

  private static StatusChange checked(StatusChange change) {
    if (change == null || change.sid() == null || change.status() == null || change.at() == null) {
      throw new IllegalArgumentException("A status change needs a sid, a status and a time");
    }
    return change;
  }

  /** Caller holds the lock. The message after the change, or null when it does not apply. */
  private Message apply(StatusChange change) {
    Message old = kept(change.sid());
    if (old == null || !old.status().canMoveTo(change.status())) {
      return null;
    }
    Message updated = old.toBuilder()
        .from(orElse(change.from(), old.from()))
        .status(change.status())
        .numSegments(orElse(change.numSegments(), old.numSegments()))
        .encoding(orElse(change.encoding(), old.encoding()))
        .errorCode(orElse(change.errorCode(), old.errorCode()))
        .errorMessage(orElse(change.errorMessage(), old.errorMessage()))
        .price(orElse(change.price(), old.price()))
        .priceUnit(orElse(change.priceUnit(), old.priceUnit()))
        .dateUpdated(change.at())
        .dateSent(orElse(change.dateSent(), old.dateSent()))
        .build();
    replace(old, updated);
    noteSend(updated);
    writeCallback(updated, change);
    if (change.carrierIds() != null) {
      carrierIds.record(change.sid(), change.carrierIds());
    }
    return updated;
  }

  private static <T> T orElse(T given, T current) {
    return given != null ? given : current;
  }

  /** Caller holds the lock. Puts the change's callback in the outbox, if it is reported. */
  private void writeCallback(Message message, StatusChange change) {
    boolean viaService = message.messagingServiceSid() != null;
    if (!PendingCallback.reports(message.status(), viaService)) {
      return;
    }
    String url = message.statusCallback() != null
        ? message.statusCallback()
        : viaService
            ? accounts.serviceStatusCallback(message.accountSid(), message.messagingServiceSid())
            : null;
    if (url == null) {
      return;
    }
    MessageCallbacks callbacks = callbacksByMessage.computeIfAbsent(
        message.sid(), ignored -> new MessageCallbacks(message.accountSid()));
    callbacks.written++;
    PendingCallback callback = new PendingCallback(++lastCallbackId, message.sid(),
        message.accountSid(), url, message.status(), callbacks.written,
        CallbackForm.of(message, change.rawDlrDoneDate()), UUID.randomUUID().toString(), 0,
        change.at(), change.at());
    callbacks.pending.put(callback.sequence(), callback);
    callbacks.all.put(callback.sequence(), callback);
    pendingById.put(callback.id(), callback);
    if (callbacks.pending.size() == 1) {
      due.add(Due.of(callback));
    }
  }

  @Override
  public synchronized Future<List<PendingCallback>> dueCallbacks(Instant now, int limit,
      Set<Long> skipping) {
    List<PendingCallback> result = new ArrayList<>(Math.min(limit, due.size()));
    for (Due head : due) {
      if (result.size() >= limit || head.nextAttemptAt().isAfter(now)) {
        break;
      }
      if (!skipping.contains(head.id())) {
        result.add(pendingById.get(head.id()));
      }
    }
    return Future.succeededFuture(result);
  }

  @Override
  public Future<Void> recordCallbackAttempt(CallbackAttempt given) {
    CallbackAttempt attempt = StoredForm.of(given);
    synchronized (this) {
      PendingCallback callback = pendingById.get(attempt.callbackId());
      if (callback == null) {
        return Future.failedFuture(
            new NotFoundException("Callback " + attempt.callbackId() + " is not pending"));
      }
      MessageCallbacks callbacks = callbacksByMessage.get(callback.messageSid());
      callbacks.attempts.add(attempt);
      boolean head = callbacks.pending.firstKey() == callback.sequence();
      if (head) {
        due.remove(Due.of(callback));
      }
      if (attempt.outcome() == CallbackAttempt.Outcome.RETRY) {
        PendingCallback retried = callback.retriedAt(attempt.nextAttemptAt());
        callbacks.pending.put(retried.sequence(), retried);
        callbacks.all.put(retried.sequence(), retried);
        pendingById.put(retried.id(), retried);
        if (head) {
          due.add(Due.of(retried));
        }
      } else {
        callbacks.pending.remove(callback.sequence());
        // Counted like a retry, nextAttemptAt left as it was: what the PostgreSQL row shows.
        callbacks.all.put(callback.sequence(), callback.retriedAt(callback.nextAttemptAt()));
        pendingById.remove(callback.id());
        if (head && !callbacks.pending.isEmpty()) {
          due.add(Due.of(callbacks.pending.firstEntry().getValue()));
        }
      }
      return Future.succeededFuture();
    }
  }

  @Override
  public synchronized Future<List<CallbackAttempt>> callbackAttempts(
      String accountSid, String messageSid) {
    MessageCallbacks callbacks = callbacksByMessage.get(messageSid);
    return Future.succeededFuture(callbacks == null || !callbacks.accountSid.equals(accountSid)
        ? List.of()
        : List.copyOf(callbacks.attempts));
  }

  @Override
  public synchronized Future<List<PendingCallback>> callbacks(String accountSid, String messageSid) {
    MessageCallbacks callbacks = callbacksByMessage.get(messageSid);
    return Future.succeededFuture(callbacks == null || !callbacks.accountSid.equals(accountSid)
        ? List.of()
        : List.copyOf(callbacks.all.values()));
  }

  @Override
  public synchronized Future<Integer> pendingCallbackCount() {
    return Future.succeededFuture(pendingById.size());
  }

  /** Caller holds the lock. */
  private void forgetCallbacks(String messageSid) {
    MessageCallbacks callbacks = callbacksByMessage.remove(messageSid);
    if (callbacks == null || callbacks.pending.isEmpty()) {
      return;
    }
    due.remove(Due.of(callbacks.pending.firstEntry().getValue()));
    callbacks.pending.values().forEach(callback -> pendingById.remove(callback.id()));
  }

  // Recovery and refill

  @Override
  public synchronized Future<List<SenderBacklog>> backlog() {
    List<SenderBacklog> result = new ArrayList<>();
    new TreeMap<>(queuedBySender).forEach((senderKey, queue) -> {
      long segments = 0;
      for (PackedMessage message : queue) {
        segments += message.numSegments();
      }
      if (queue.size() > 0) {
        result.add(new SenderBacklog(senderKey, queue.size(), segments));
      }
    });
    return Future.succeededFuture(result);
  }

  @Override
  public synchronized Future<SenderQueueDepth> queueDepth(String senderKey) {
    SenderQueueIndex queue = senderKey == null ? null : queuedBySender.get(senderKey);
    if (queue == null) {
      return Future.succeededFuture(SenderQueueDepth.EMPTY);
    }
    long queued = 0;
    long segments = 0;
    long sending = 0;
    for (PackedMessage message : queue) {
      if (message.status() == MessageStatus.QUEUED) {
        queued++;
        segments += message.numSegments();
      } else if (message.status() == MessageStatus.SENDING) {
        sending++;
      }
    }
    return Future.succeededFuture(new SenderQueueDepth(queued, segments, sending));
  }

  @Override
  public Future<Optional<LastSend>> lastSend(String senderKey) {
    LatestSend latest = senderKey == null ? null : latestSends.get(senderKey);
    return Future.succeededFuture(Optional.ofNullable(latest).map(LatestSend::send));
  }

  @Override
  public Future<Integer> requeueInterrupted() {
    return requeueWhere(message -> true);
  }

  @Override
  public Future<Integer> requeueInterrupted(Collection<String> senderKeys) {
    Set<String> keys = Set.copyOf(senderKeys);
    return requeueWhere(message -> keys.contains(message.senderKey()));
  }

  private Future<Integer> requeueWhere(Predicate<Message> wanted) {
    int moved = 0;
    synchronized (this) {
      List<Message> sending = new ArrayList<>();
      for (PackedMessage packed : bySid.values()) {
        if (packed.status() == MessageStatus.SENDING) {
          sending.add(packed.unpack());
        }
      }
      for (Message message : sending) {
        if (wanted.test(message)) {
          replace(message, message.withStatus(MessageStatus.QUEUED, message.dateUpdated()));
          moved++;
        }
      }
    }
    return Future.succeededFuture(moved);
  }

  @Override
  public synchronized Future<List<Message>> queuedForSender(
      String senderKey, Instant afterCreated, String afterSid, int limit) {
    IllegalArgumentException refused = refusedPage(afterCreated, afterSid, limit);
    if (refused != null) {
      return Future.failedFuture(refused);
    }
    SenderQueueIndex queue = senderKey == null ? null : queuedBySender.get(senderKey);
    return Future.succeededFuture(queue == null ? List.of() : queue.after(
        afterCreated == null ? null : StoredForm.of(afterCreated), afterSid, limit));
  }

  @Override
  public Future<List<QueuedMessage>> senderQueue(
      String senderKey, Instant afterCreated, String afterSid, int limit) {
    return queuedForSender(senderKey, afterCreated, afterSid, limit)
        .map(messages -> messages.stream().map(QueuedMessage::of).toList());
  }

  @Override
  public Future<List<Message>> findByStatus(
      MessageStatus status, Instant afterCreated, String afterSid, int limit) {
    if (status == null || INDEXED_STATUSES.contains(status)) {
      return page(byStatus.get(status), afterCreated, afterSid, limit);
    }
    NavigableMap<Position, Message> scanned = new TreeMap<>(Position.OLDEST_FIRST);
    for (PackedMessage packed : bySid.values()) {
      if (packed.status() == status) {
        Message message = packed.unpack();
        scanned.put(Position.of(message), message);
      }
    }
    return page(scanned, afterCreated, afterSid, limit);
  }

  /** Up to {@code limit} messages of an oldest-first index, strictly after the cursor. */
  private static Future<List<Message>> page(NavigableMap<Position, Message> index,
      Instant afterCreated, String afterSid, int limit) {
    IllegalArgumentException refused = refusedPage(afterCreated, afterSid, limit);
    if (refused != null) {
      return Future.failedFuture(refused);
    }
    if (index == null) {
      return Future.succeededFuture(List.of());
    }
    NavigableMap<Position, Message> after = afterCreated == null
        ? index
        : index.tailMap(new Position(StoredForm.of(afterCreated), afterSid), false);
    List<Message> result = new ArrayList<>(Math.min(limit, 64));
    for (Message message : after.values()) {
      if (result.size() == limit) {
        break;
      }
      result.add(message);
    }
    return Future.succeededFuture(result);
  }

  /** Why a page cannot be asked for with these arguments, or null when it can. */
  private static IllegalArgumentException refusedPage(Instant afterCreated, String afterSid,
      int limit) {
    if (limit < 1) {
      return new IllegalArgumentException("limit must be at least 1");
    }
    if ((afterCreated == null) != (afterSid == null)) {
      return new IllegalArgumentException("A cursor is a creation time and a sid, or neither");
    }
    return null;
  }

  @Override
  public Future<List<Message>> findBySids(Collection<String> sids) {
    List<Message> result = new ArrayList<>(sids.size());
    for (String sid : new LinkedHashSet<>(sids)) {
      Message message = kept(sid);
      if (message != null) {
        result.add(message);
      }
    }
    return Future.succeededFuture(result);
  }

  /** Caller holds the lock. */
  private AccountListing listing(String accountSid) {
    return byAccount.computeIfAbsent(accountSid, ignored -> new AccountListing());
  }

  /** Number of idempotency keys held, for tests of expiry. */
  synchronized int idempotencyKeyCount() {
    return keys.size();
  }
}
