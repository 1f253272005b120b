package io.tern.store;

import io.tern.message.Media;
import io.tern.message.Message;
import io.tern.message.MessageFixture;
import io.tern.message.MessageStatus;
import io.tern.message.Sids;
import io.tern.message.StatusChange;


import io.vertx.core.Future;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the store contract tests share: the store under test and the registry its Messaging
 * Services live in, supplied by each store's test classes, and messages to put in it. Each test
 * works in accounts, senders and (for queries over the whole store) eras of its own, so tests
 * may share one store (and one database schema).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
public abstract class StoreContractFixture {


  /** Has nanoseconds, which the store keeps only to the microsecond. */
  protected static final Instant T0 = Instant.parse("2024-05-01T12:00:00.123456789Z");
  protected static final Instant T0_STORED = Instant.parse("2024-05-01T12:00:00.123456Z");

  protected final String account = Sids.generate(Sids.ACCOUNT);
  protected final String otherAccount = Sids.generate(Sids.ACCOUNT);
  // Sids of one test sort by n and never collide with another test's.
  protected final String sidPrefix = Sids.generate(Sids.MESSAGE).substring(0, 18);

  protected abstract MessageStore store();

  /** The registry whose Messaging Services the store resolves callback URLs from. */
  protected abstract AccountRegistry accounts();

  protected String sid(int n) {
    return sidPrefix + String.format("%016x", n);
  }

  protected Message message(int n, Instant created) {
    return message(account, sid(n), created, "+15005550006", "+15005550001", null);
  }

  protected static Message message(
      String accountSid, String sid, Instant created, String to, String from, Instant sent) {
    return MessageFixture.queued(sid, accountSid, from, created)
        .to(to)
        .body("Hello " + sid)
        .statusCallback("https://app.example.com/status")
        .dateSent(sent)
        .build();
  }

  protected static Message withMedia(Message m, Instant created) {
    List<Media> media = List.of(
        new Media(Sids.generate(Sids.MEDIA), m.accountSid(), m.sid(),
            "https://cdn.example.com/a.png", "image/png", created),
        new Media(Sids.generate(Sids.MEDIA), m.accountSid(), m.sid(),
            "https://cdn.example.com/b.jpg", "image/jpeg", created));
    // No plan given: the message's plan is made again from its body and these media.
    return m.toBuilder().media(media).sendPlan(null).build();
  }

  protected MessageQuery all(int pageSize, String afterSid) {
    return new MessageQuery(account, null, null, null, null, pageSize, afterSid);
  }

  protected static List<String> sids(Page<Message> page) {
    return page.items().stream().map(Message::sid).toList();
  }


  protected MessageQuery back(int pageSize, String beforeSid) {
    return new MessageQuery(account, null, null, null, null, pageSize, null, beforeSid);
  }


  // Senders, status changes and callbacks

  protected static final String CALLBACK = "https://app.example.com/status";
  protected static final String SERVICE_CALLBACK = "https://service.example.com/status";
  /** Statuses, callbacks and queues of one test: no other test uses its sender numbers. */
  protected final String senderPrefix =
      "+1555" + String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));

  /** A US number of this test's own. */
  protected String sender(int n) {
    return senderPrefix + String.format("%02d", n);
  }

  protected Message outbound(int n, Instant created, String from, String serviceSid,
      MessageStatus status, int segments, String statusCallback) {
    return MessageFixture.queued(sid(n), account, from, created)
        .messagingServiceSid(serviceSid)
        .body("Hello " + n)
        .status(status)
        .numSegments(segments)
        .encoding(from == null ? null : "GSM")
        .statusCallback(statusCallback)
        .build();
  }

  /** Queued behind its own number, with a status callback. */
  protected Message queued(int n, Instant created, String from, int segments) {
    return outbound(n, created, from, null, MessageStatus.QUEUED, segments, CALLBACK);
  }

  /** Created through a Messaging Service, waiting for a sender. */
  protected Message unassigned(int n, Instant created, String serviceSid, String statusCallback) {
    return outbound(n, created, null, serviceSid, MessageStatus.ACCEPTED, 0, statusCallback);
  }

  protected MessagingService service(String statusCallback) {
    return new MessagingService(Sids.generate(Sids.SERVICE), account, "Notifications", null,
        "POST", null, "POST", statusCallback, true, true, false, "inherit", false, false, 36000,
        true, "undeclared", true, T0, T0);
  }

  protected Future<Void> insertAll(Message... messages) {
    return Future.all(Arrays.stream(messages).map(m -> store().insert(m, null)).toList())
        .mapEmpty();
  }

  protected Future<List<Message>> apply(StatusChange... changes) {
    return store().applyStatusChanges(List.of(changes));
  }

  /** This test's callbacks due at {@code now}, in the store's order. */
  protected Future<List<PendingCallback>> due(Instant now) {
    return store().dueCallbacks(now, 10_000).map(all -> all.stream()
        .filter(callback -> callback.accountSid().equals(account))
        .toList());
  }

  protected static List<String> sidsOf(List<Message> messages) {
    return messages.stream().map(m -> m == null ? null : m.sid()).toList();
  }

  protected static List<MessageStatus> statusesOf(List<Message> messages) {
    return messages.stream().map(m -> m == null ? null : m.status()).toList();
  }


  /** Pages of one sender's queue until an empty one, each after the last of the one before. */
  protected Future<List<List<Message>>> pagesOf(String senderKey, Instant afterCreated,
      String afterSid, int limit, List<List<Message>> pages) {
    return store().queuedForSender(senderKey, afterCreated, afterSid, limit).compose(page -> {
      pages.add(page);
      if (page.isEmpty() || pages.size() > 10) {
        return Future.succeededFuture(pages);
      }
      Message last = page.get(page.size() - 1);
      return pagesOf(senderKey, last.dateCreated(), last.sid(), limit, pages);
    });
  }


  /** A Messaging Service message assigned, sent and delivered in one batch: three callbacks. */
  protected Future<List<PendingCallback>> threeCallbacksInOneBatch(int n, Instant t) {
    return insertAll(unassigned(n, T0, "MG00000000000000000000000000000005", CALLBACK))
        .compose(x -> apply(StatusChange.assigned(sid(n), t, sender(1), 1, "GSM"),
            StatusChange.sent(sid(n), t.plusSeconds(1)),
            StatusChange.to(sid(n), MessageStatus.DELIVERED, t.plusSeconds(2))))
        .compose(x -> store().callbacks(account, sid(n)));
  }

  protected static CallbackAttempt delivered(PendingCallback callback, Instant at) {
    return new CallbackAttempt(callback.id(), at, 200, null, CallbackAttempt.Outcome.DELIVERED,
        null);
  }


  protected static PendingCallback byMessage(List<PendingCallback> callbacks, String sid) {
    return callbacks.stream().filter(callback -> callback.messageSid().equals(sid))
        .findFirst().orElseThrow();
  }
}
