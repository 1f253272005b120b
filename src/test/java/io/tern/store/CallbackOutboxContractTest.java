package io.tern.store;

import io.tern.message.Message;
import io.tern.message.MessageStatus;
import io.tern.message.StatusChange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every store promises of the {@link CallbackOutbox}: callbacks written with the change
 * they report, due in order per message, their attempts recorded.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
public abstract class CallbackOutboxContractTest extends StoreContractFixture {
  @Test
  void reportedChangeWritesACallbackWithTheTwilioFormParameters(VertxTestContext ctx) {
    Instant sentAt = T0.plusSeconds(1);
    Instant failedAt = T0.plusSeconds(30);
    Instant doneDate = Instant.parse("2024-05-01T12:00:29Z");
    List<PendingCallback> callbacks = new ArrayList<>();

    insertAll(queued(1, T0, sender(1), 1))
        .compose(x -> apply(StatusChange.sent(sid(1), sentAt), StatusChange.failed(sid(1),
            MessageStatus.UNDELIVERED, failedAt, 30003, "Unreachable").withRawDlrDoneDate(doneDate)))
        .compose(x -> due(failedAt)).andThen(ctx.succeeding(callbacks::addAll))
        .compose(x -> store().recordCallbackAttempt(new CallbackAttempt(callbacks.get(0).id(),
            failedAt, 200, null, CallbackAttempt.Outcome.DELIVERED, null)))
        .compose(x -> due(failedAt)).andThen(ctx.succeeding(callbacks::addAll))
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          assertThat(callbacks).hasSize(2);
          PendingCallback sent = callbacks.get(0);
          assertThat(sent.messageSid()).isEqualTo(sid(1));
          assertThat(sent.url()).isEqualTo(CALLBACK);
          assertThat(sent.status()).isEqualTo(MessageStatus.SENT);
          assertThat(sent.sequence()).isEqualTo(1);
          assertThat(sent.attempts()).isZero();
          assertThat(sent.nextAttemptAt()).isEqualTo(StoredForm.of(sentAt));
          assertThat(sent.createdAt()).isEqualTo(StoredForm.of(sentAt));
          assertThat(sent.params()).isEqualTo(Map.of("MessageSid", sid(1), "SmsSid", sid(1),
              "MessageStatus", "sent", "SmsStatus", "sent", "AccountSid", account,
              "From", sender(1), "To", "+15005550006", "ApiVersion", "2010-04-01"));
          PendingCallback undelivered = callbacks.get(1);
          assertThat(undelivered.sequence()).isEqualTo(2);
          assertThat(undelivered.params()).containsEntry("MessageStatus", "undelivered")
              .containsEntry("SmsStatus", "undelivered")
              .containsEntry("ErrorCode", "30003")
              .containsEntry("RawDlrDoneDate", "2405011200")
              .doesNotContainKey("MessagingServiceSid");
          assertThat(List.of(sent.idempotencyToken(), undelivered.idempotencyToken()))
              .doesNotContainNull().doesNotHaveDuplicates().allMatch(token -> !token.isBlank());
          ctx.completeNow();
        })));
  }

  @Test
  void noCallbackWithoutAUrlOrForAnUnreportedStatus(VertxTestContext ctx) {
    Message silent = outbound(1, T0, sender(1), null, MessageStatus.QUEUED, 1, null);
    List<Integer> counts = new ArrayList<>();

    store().pendingCallbackCount().andThen(ctx.succeeding(counts::add))
        .compose(x -> insertAll(silent, queued(2, T0, sender(1), 1)))
        .compose(x -> apply(StatusChange.sent(sid(1), T0.plusSeconds(1)),
            StatusChange.to(sid(2), MessageStatus.SENDING, T0.plusSeconds(1))))
        .compose(x -> store().pendingCallbackCount()).andThen(ctx.succeeding(counts::add))
        .compose(x -> due(T0.plusSeconds(60)))
        .onComplete(ctx.succeeding(due -> ctx.verify(() -> {
          assertThat(due).isEmpty();
          assertThat(counts.get(1)).isEqualTo(counts.get(0));
          ctx.completeNow();
        })));
  }

  @Test
  void queuedIsReportedForServiceMessagesOnly(VertxTestContext ctx) {
    String service = "MG00000000000000000000000000000004";
    Message direct = outbound(1, T0, sender(1), null, MessageStatus.ACCEPTED, 1, CALLBACK);
    Message viaService = unassigned(2, T0, service, CALLBACK);

    insertAll(direct, viaService)
        .compose(x -> apply(StatusChange.to(sid(1), MessageStatus.QUEUED, T0.plusSeconds(1)),
            StatusChange.assigned(sid(2), T0.plusSeconds(1), sender(2), 1, "GSM")))
        .compose(x -> due(T0.plusSeconds(60)))
        .onComplete(ctx.succeeding(due -> ctx.verify(() -> {
          assertThat(due).extracting(PendingCallback::messageSid).containsExactly(sid(2));
          assertThat(due.get(0).status()).isEqualTo(MessageStatus.QUEUED);
          assertThat(due.get(0).params()).containsEntry("MessagingServiceSid", service)
              .containsEntry("From", sender(2))
              .containsEntry("MessageStatus", "queued");
          ctx.completeNow();
        })));
  }

  @Test
  void serviceStatusCallbackIsUsedWhenTheMessageHasNone(VertxTestContext ctx) {
    MessagingService withCallback = service(SERVICE_CALLBACK);
    MessagingService without = service(null);

    accounts().createService(withCallback)
        .compose(x -> accounts().createService(without))
        .compose(x -> insertAll(unassigned(1, T0, withCallback.sid(), null),
            unassigned(2, T0, without.sid(), null),
            unassigned(3, T0, withCallback.sid(), CALLBACK)))
        .compose(x -> apply(StatusChange.assigned(sid(1), T0.plusSeconds(1), sender(1), 1, "GSM"),
            StatusChange.assigned(sid(2), T0.plusSeconds(1), sender(1), 1, "GSM"),
            StatusChange.assigned(sid(3), T0.plusSeconds(1), sender(1), 1, "GSM")))
        .compose(x -> due(T0.plusSeconds(60)))
        .onComplete(ctx.succeeding(due -> ctx.verify(() -> {
          assertThat(due).extracting(PendingCallback::messageSid, PendingCallback::url)
              .containsExactlyInAnyOrder(
                  org.assertj.core.groups.Tuple.tuple(sid(1), SERVICE_CALLBACK),
                  org.assertj.core.groups.Tuple.tuple(sid(3), CALLBACK));
          ctx.completeNow();
        })));
  }

  @Test
  void anotherAccountsServiceLendsNoCallbackUrl(VertxTestContext ctx) {
    MessagingService theirs = new MessagingService(service(SERVICE_CALLBACK).sid(), otherAccount,
        "Theirs", null, "POST", null, "POST", SERVICE_CALLBACK, true, true, false, "inherit",
        false, false, 36000, true, "undeclared", true, T0, T0);

    accounts().createService(theirs)
        .compose(x -> insertAll(unassigned(1, T0, theirs.sid(), null)))
        .compose(x -> apply(StatusChange.assigned(sid(1), T0.plusSeconds(1), sender(1), 1, "GSM")))
        .compose(x -> due(T0.plusSeconds(60)))
        .onComplete(ctx.succeeding(due -> ctx.verify(() -> {
          assertThat(due).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  void aMessagesNextCallbackWaitsUntilTheOneBeforeIsDone(VertxTestContext ctx) {
    Instant t = T0.plusSeconds(10);
    Instant retryAt = t.plusSeconds(60);
    List<List<PendingCallback>> seen = new ArrayList<>();

    insertAll(queued(1, T0, sender(1), 1))
        .compose(x -> apply(StatusChange.sent(sid(1), t),
            StatusChange.to(sid(1), MessageStatus.DELIVERED, t.plusSeconds(1))))
        .compose(x -> due(t.plusSeconds(5))).andThen(ctx.succeeding(seen::add))
        .compose(first -> store().recordCallbackAttempt(new CallbackAttempt(first.get(0).id(),
            t.plusSeconds(5), 503, "Service Unavailable", CallbackAttempt.Outcome.RETRY, retryAt)))
        .compose(x -> due(retryAt.minusSeconds(1))).andThen(ctx.succeeding(seen::add))
        .compose(x -> due(retryAt)).andThen(ctx.succeeding(seen::add))
        .compose(retried -> store().recordCallbackAttempt(new CallbackAttempt(
            retried.get(0).id(), retryAt, 200, null, CallbackAttempt.Outcome.DELIVERED, null)))
        .compose(x -> due(retryAt)).andThen(ctx.succeeding(seen::add))
        .compose(second -> store().recordCallbackAttempt(new CallbackAttempt(second.get(0).id(),
            retryAt.plusSeconds(1), null, "Connection refused", CallbackAttempt.Outcome.GAVE_UP,
            null)))
        .compose(x -> due(retryAt.plusSeconds(3600))).andThen(ctx.succeeding(seen::add))
        .compose(x -> store().recordCallbackAttempt(new CallbackAttempt(seen.get(0).get(0).id(),
            retryAt.plusSeconds(2), 200, null, CallbackAttempt.Outcome.DELIVERED, null)))
        .onComplete(ctx.failing(finished -> ctx.verify(() -> {
          assertThat(finished).as("a finished callback takes no more attempts")
              .isInstanceOf(NotFoundException.class);
          assertThat(seen.get(0)).extracting(PendingCallback::status)
              .as("only the first is due").containsExactly(MessageStatus.SENT);
          assertThat(seen.get(1)).as("the first waits for its retry, the second behind it")
              .isEmpty();
          assertThat(seen.get(2)).extracting(PendingCallback::status, PendingCallback::attempts,
              PendingCallback::nextAttemptAt).containsExactly(org.assertj.core.groups.Tuple.tuple(
                  MessageStatus.SENT, 1, StoredForm.of(retryAt)));
          assertThat(seen.get(3)).extracting(PendingCallback::status, PendingCallback::sequence)
              .containsExactly(org.assertj.core.groups.Tuple.tuple(MessageStatus.DELIVERED, 2));
          assertThat(seen.get(4)).as("given up is done too").isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  void attemptsRecordedTogetherActAsIfRecordedOneByOne(VertxTestContext ctx) {
    Instant t = T0.plusSeconds(10);
    Instant retryAt = t.plusSeconds(60);
    List<PendingCallback> first = new ArrayList<>();
    List<List<CallbackAttempt>> histories = new ArrayList<>();

    insertAll(queued(1, T0, sender(1), 1), queued(2, T0, sender(1), 1))
        .compose(x -> apply(StatusChange.sent(sid(1), t),
            StatusChange.to(sid(1), MessageStatus.DELIVERED, t.plusSeconds(1)),
            StatusChange.sent(sid(2), t),
            StatusChange.to(sid(2), MessageStatus.DELIVERED, t.plusSeconds(1))))
        .compose(x -> due(t.plusSeconds(5))).andThen(ctx.succeeding(first::addAll))
        .compose(x -> {
          long one = byMessage(first, sid(1)).id();
          long two = byMessage(first, sid(2)).id();
          return store().recordCallbackAttempts(List.of(
              new CallbackAttempt(one, t.plusSeconds(5), 200, null,
                  CallbackAttempt.Outcome.DELIVERED, null),
              new CallbackAttempt(two, t.plusSeconds(5), 503, "Service Unavailable",
                  CallbackAttempt.Outcome.RETRY, retryAt),
              // Finished by the first attempt of the batch: skipped, the others still count.
              new CallbackAttempt(one, t.plusSeconds(6), 200, null,
                  CallbackAttempt.Outcome.DELIVERED, null)));
        })
        .compose(x -> store().callbackAttempts(account, sid(1)))
        .andThen(ctx.succeeding(histories::add))
        .compose(x -> store().callbackAttempts(account, sid(2)))
        .andThen(ctx.succeeding(histories::add))
        .compose(x -> store().recordCallbackAttempts(List.of()))
        .compose(x -> due(t.plusSeconds(5)))
        .onComplete(ctx.succeeding(due -> ctx.verify(() -> {
          assertThat(due).extracting(PendingCallback::messageSid, PendingCallback::status)
              .as("the first message's next callback is due; the second waits for its retry")
              .containsExactly(org.assertj.core.groups.Tuple.tuple(
                  sid(1), MessageStatus.DELIVERED));
          assertThat(histories.get(0)).extracting(CallbackAttempt::outcome)
              .containsExactly(CallbackAttempt.Outcome.DELIVERED);
          assertThat(histories.get(1)).extracting(CallbackAttempt::outcome,
                  CallbackAttempt::nextAttemptAt)
              .containsExactly(org.assertj.core.groups.Tuple.tuple(
                  CallbackAttempt.Outcome.RETRY, StoredForm.of(retryAt)));
          ctx.completeNow();
        })));
  }

  @Test
  void severalCallbacksOfOneMessageInOneBatchGoOneAtATimeInOrder(VertxTestContext ctx) {
    Instant t = T0.plusSeconds(10);
    Instant late = t.plusSeconds(3600);
    List<PendingCallback> written = new ArrayList<>();
    List<List<PendingCallback>> seen = new ArrayList<>();

    threeCallbacksInOneBatch(1, t).andThen(ctx.succeeding(written::addAll))
        .compose(x -> due(late)).andThen(ctx.succeeding(seen::add))
        .compose(x -> store().recordCallbackAttempt(new CallbackAttempt(written.get(0).id(),
            late, null, "Connection refused", CallbackAttempt.Outcome.GAVE_UP, null)))
        .compose(x -> due(late)).andThen(ctx.succeeding(seen::add))
        .compose(x -> store().recordCallbackAttempt(delivered(written.get(1), late)))
        .compose(x -> due(late)).andThen(ctx.succeeding(seen::add))
        .compose(x -> store().recordCallbackAttempt(delivered(written.get(2), late)))
        .compose(x -> due(late))
        .onComplete(ctx.succeeding(last -> ctx.verify(() -> {
          assertThat(written).extracting(PendingCallback::sequence).containsExactly(1, 2, 3);
          assertThat(seen).extracting(due -> due.stream().map(PendingCallback::status).toList())
              .as("one at a time, each after the one before is delivered or given up")
              .containsExactly(List.of(MessageStatus.QUEUED), List.of(MessageStatus.SENT),
                  List.of(MessageStatus.DELIVERED));
          assertThat(last).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  void aCallbackFinishedOutOfTurnIsPassedOverWhenTheHeadFinishes(VertxTestContext ctx) {
    Instant t = T0.plusSeconds(10);
    Instant late = t.plusSeconds(3600);
    List<PendingCallback> written = new ArrayList<>();
    List<List<PendingCallback>> seen = new ArrayList<>();

    threeCallbacksInOneBatch(1, t).andThen(ctx.succeeding(written::addAll))
        // The second is finished while the first is still the one due.
        .compose(x -> store().recordCallbackAttempt(delivered(written.get(1), late)))
        .compose(x -> due(late)).andThen(ctx.succeeding(seen::add))
        .compose(x -> store().recordCallbackAttempt(delivered(written.get(0), late)))
        .compose(x -> due(late))
        .onComplete(ctx.succeeding(next -> ctx.verify(() -> {
          assertThat(seen.get(0)).extracting(PendingCallback::sequence)
              .as("the first stays due").containsExactly(1);
          assertThat(next).extracting(PendingCallback::sequence)
              .as("the third follows the first").containsExactly(3);
          ctx.completeNow();
        })));
  }

  @Test
  void attemptsAtOneMessagesCallbacksInOneBatchHandOverInListOrder(VertxTestContext ctx) {
    Instant t = T0.plusSeconds(10);
    Instant retryAt = t.plusSeconds(60);
    List<PendingCallback> written = new ArrayList<>();
    List<List<PendingCallback>> seen = new ArrayList<>();

    threeCallbacksInOneBatch(1, t).andThen(ctx.succeeding(written::addAll))
        .compose(x -> store().recordCallbackAttempts(List.of(
            delivered(written.get(0), t.plusSeconds(5)),
            delivered(written.get(1), t.plusSeconds(5)),
            new CallbackAttempt(written.get(2).id(), t.plusSeconds(5), 503, "Service Unavailable",
                CallbackAttempt.Outcome.RETRY, retryAt))))
        .compose(x -> due(retryAt.minusSeconds(1))).andThen(ctx.succeeding(seen::add))
        .compose(x -> due(retryAt))
        .onComplete(ctx.succeeding(due -> ctx.verify(() -> {
          assertThat(seen.get(0)).as("the third waits for its retry").isEmpty();
          assertThat(due).extracting(PendingCallback::sequence, PendingCallback::attempts)
              .containsExactly(org.assertj.core.groups.Tuple.tuple(3, 1));
          ctx.completeNow();
        })));
  }

  @Test
  void aChangeAfterEveryCallbackFinishedIsDueAtOnce(VertxTestContext ctx) {
    Instant t = T0.plusSeconds(10);
    List<List<PendingCallback>> seen = new ArrayList<>();

    insertAll(queued(1, T0, sender(1), 1))
        .compose(x -> apply(StatusChange.sent(sid(1), t)))
        .compose(x -> due(t)).andThen(ctx.succeeding(seen::add))
        .compose(first -> store().recordCallbackAttempt(delivered(first.get(0), t)))
        .compose(x -> due(t.plusSeconds(1))).andThen(ctx.succeeding(seen::add))
        .compose(x -> apply(StatusChange.to(sid(1), MessageStatus.DELIVERED, t.plusSeconds(1))))
        .compose(x -> due(t.plusSeconds(1)))
        .onComplete(ctx.succeeding(due -> ctx.verify(() -> {
          assertThat(seen.get(0)).extracting(PendingCallback::sequence).containsExactly(1);
          assertThat(seen.get(1)).isEmpty();
          assertThat(due).extracting(PendingCallback::status, PendingCallback::sequence)
              .containsExactly(org.assertj.core.groups.Tuple.tuple(MessageStatus.DELIVERED, 2));
          ctx.completeNow();
        })));
  }

  @Test
  void attemptsAtADeletedMessagesCallbackAreSkippedAndTheOthersRecorded(VertxTestContext ctx) {
    Instant t = T0.plusSeconds(10);
    List<PendingCallback> first = new ArrayList<>();
    List<List<CallbackAttempt>> histories = new ArrayList<>();

    insertAll(queued(1, T0, sender(1), 1), queued(2, T0, sender(1), 1))
        .compose(x -> apply(StatusChange.sent(sid(1), t), StatusChange.sent(sid(2), t),
            StatusChange.to(sid(2), MessageStatus.DELIVERED, t.plusSeconds(1))))
        .compose(x -> due(t)).andThen(ctx.succeeding(first::addAll))
        .compose(x -> store().delete(account, sid(1)))
        .compose(x -> store().recordCallbackAttempts(List.of(
            delivered(byMessage(first, sid(1)), t.plusSeconds(2)),
            delivered(byMessage(first, sid(2)), t.plusSeconds(2)))))
        .compose(x -> store().callbackAttempts(account, sid(2)))
        .andThen(ctx.succeeding(histories::add))
        .compose(x -> due(t.plusSeconds(2)))
        .onComplete(ctx.succeeding(due -> ctx.verify(() -> {
          assertThat(first).extracting(PendingCallback::messageSid)
              .containsExactlyInAnyOrder(sid(1), sid(2));
          assertThat(histories.get(0)).extracting(CallbackAttempt::outcome)
              .containsExactly(CallbackAttempt.Outcome.DELIVERED);
          assertThat(due).extracting(PendingCallback::messageSid, PendingCallback::status)
              .as("the deleted message has nothing due; the other's next callback is")
              .containsExactly(org.assertj.core.groups.Tuple.tuple(
                  sid(2), MessageStatus.DELIVERED));
          ctx.completeNow();
        })));
  }

  @Test
  void dueCallbacksComeEarliestFirstUpToTheLimit(VertxTestContext ctx) {
    // An era of its own: nothing else in the shared outbox is due this early.
    Instant era = Instant.parse("2002-07-01T00:00:00Z");
    List<List<PendingCallback>> seen = new ArrayList<>();

    insertAll(queued(1, era, sender(1), 1), queued(2, era, sender(1), 1),
        queued(3, era, sender(1), 1))
        .compose(x -> apply(StatusChange.sent(sid(1), era.plusSeconds(30)),
            StatusChange.sent(sid(2), era.plusSeconds(10)),
            StatusChange.sent(sid(3), era.plusSeconds(20))))
        .compose(x -> store().dueCallbacks(era.plusSeconds(25), 10))
        .andThen(ctx.succeeding(seen::add))
        .compose(x -> store().dueCallbacks(era.plusSeconds(60), 1))
        .andThen(ctx.succeeding(seen::add))
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          assertThat(seen.get(0)).extracting(PendingCallback::messageSid)
              .containsExactly(sid(2), sid(3));
          assertThat(seen.get(1)).extracting(PendingCallback::messageSid)
              .containsExactly(sid(2));
          ctx.completeNow();
        })));
  }

  @Test
  void dueCallbacksLeaveOutTheSkippedOnesAndStillFillTheLimit(VertxTestContext ctx) {
    // An era of its own: nothing else in the shared outbox is due this early.
    Instant era = Instant.parse("2002-08-01T00:00:00Z");
    List<List<PendingCallback>> seen = new ArrayList<>();

    insertAll(queued(1, era, sender(1), 1), queued(2, era, sender(1), 1),
        queued(3, era, sender(1), 1))
        .compose(x -> apply(StatusChange.sent(sid(1), era.plusSeconds(10)),
            StatusChange.to(sid(1), MessageStatus.DELIVERED, era.plusSeconds(11)),
            StatusChange.sent(sid(2), era.plusSeconds(20)),
            StatusChange.sent(sid(3), era.plusSeconds(30))))
        .compose(x -> store().dueCallbacks(era.plusSeconds(60), 10))
        .andThen(ctx.succeeding(seen::add))
        .compose(all -> store().dueCallbacks(era.plusSeconds(60), 1,
            Set.of(all.get(0).id(), all.get(1).id())))
        .onComplete(ctx.succeeding(rest -> ctx.verify(() -> {
          assertThat(seen.get(0)).extracting(PendingCallback::messageSid)
              .containsExactly(sid(1), sid(2), sid(3));
          assertThat(rest).extracting(PendingCallback::messageSid)
              .as("the skipped head keeps its message's next callback waiting; the limit counts "
                  + "what is returned")
              .containsExactly(sid(3));
          ctx.completeNow();
        })));
  }

  @Test
  void attemptHistoryIsKeptOldestFirstWithinTheAccount(VertxTestContext ctx) {
    Instant t = T0.plusSeconds(10);
    List<CallbackAttempt> made = new ArrayList<>();
    List<List<CallbackAttempt>> histories = new ArrayList<>();

    insertAll(queued(1, T0, sender(1), 1))
        .compose(x -> apply(StatusChange.sent(sid(1), t)))
        .compose(x -> due(t))
        .compose(due -> {
          long id = due.get(0).id();
          made.add(new CallbackAttempt(id, t, 500, "Internal Server Error",
              CallbackAttempt.Outcome.RETRY, t.plusNanos(30_000_000_123L)));
          made.add(new CallbackAttempt(id, t.plusSeconds(31), 200, null,
              CallbackAttempt.Outcome.DELIVERED, null));
          return store().recordCallbackAttempt(made.get(0))
              .compose(y -> store().recordCallbackAttempt(made.get(1)));
        })
        .compose(x -> store().callbackAttempts(account, sid(1)))
        .andThen(ctx.succeeding(histories::add))
        .compose(x -> store().callbackAttempts(otherAccount, sid(1)))
        .andThen(ctx.succeeding(histories::add))
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          assertThat(histories.get(0)).containsExactly(
              StoredForm.of(made.get(0)), StoredForm.of(made.get(1)));
          assertThat(histories.get(1)).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  void aMessagesCallbacksAreListedBySequenceFinishedOrNotWithinTheAccount(VertxTestContext ctx) {
    Instant t = T0.plusSeconds(10);
    List<PendingCallback> first = new ArrayList<>();
    List<List<PendingCallback>> listed = new ArrayList<>();

    insertAll(queued(1, T0, sender(1), 1))
        .compose(x -> apply(StatusChange.sent(sid(1), t),
            StatusChange.to(sid(1), MessageStatus.DELIVERED, t.plusSeconds(1))))
        .compose(x -> due(t)).andThen(ctx.succeeding(first::addAll))
        .compose(x -> store().recordCallbackAttempt(new CallbackAttempt(first.get(0).id(), t,
            500, "HTTP 500", CallbackAttempt.Outcome.RETRY, t.plusSeconds(2))))
        .compose(x -> store().recordCallbackAttempt(new CallbackAttempt(first.get(0).id(),
            t.plusSeconds(2), 200, null, CallbackAttempt.Outcome.DELIVERED, null)))
        .compose(x -> store().callbacks(account, sid(1))).andThen(ctx.succeeding(listed::add))
        .compose(x -> store().callbacks(otherAccount, sid(1))).andThen(ctx.succeeding(listed::add))
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          assertThat(listed.get(0)).extracting(PendingCallback::status, PendingCallback::sequence,
                  PendingCallback::attempts)
              .containsExactly(
                  org.assertj.core.groups.Tuple.tuple(MessageStatus.SENT, 1, 2),
                  org.assertj.core.groups.Tuple.tuple(MessageStatus.DELIVERED, 2, 0));
          assertThat(listed.get(0).get(0).idempotencyToken())
              .isEqualTo(first.get(0).idempotencyToken());
          assertThat(listed.get(1)).as("another account's message is not there").isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  void deletingAMessageDeletesItsCallbacks(VertxTestContext ctx) {
    List<Integer> counts = new ArrayList<>();
    List<PendingCallback> first = new ArrayList<>();

    store().pendingCallbackCount().andThen(ctx.succeeding(counts::add))
        .compose(x -> insertAll(queued(1, T0, sender(1), 1)))
        .compose(x -> apply(StatusChange.sent(sid(1), T0.plusSeconds(1)),
            StatusChange.to(sid(1), MessageStatus.DELIVERED, T0.plusSeconds(2))))
        .compose(x -> due(T0.plusSeconds(2))).andThen(ctx.succeeding(first::addAll))
        .compose(x -> store().recordCallbackAttempt(new CallbackAttempt(first.get(0).id(),
            T0.plusSeconds(2), 500, "Internal Server Error", CallbackAttempt.Outcome.RETRY,
            T0.plusSeconds(3))))
        .compose(x -> store().pendingCallbackCount()).andThen(ctx.succeeding(counts::add))
        .compose(x -> store().delete(account, sid(1)))
        .compose(x -> store().pendingCallbackCount()).andThen(ctx.succeeding(counts::add))
        .compose(x -> store().callbackAttempts(account, sid(1)))
        .andThen(ctx.succeeding(history -> ctx.verify(() -> assertThat(history).isEmpty())))
        .compose(x -> due(T0.plusSeconds(3600)))
        .onComplete(ctx.succeeding(due -> ctx.verify(() -> {
          assertThat(due).isEmpty();
          assertThat(counts.get(1) - counts.get(0)).isEqualTo(2);
          assertThat(counts.get(2)).isEqualTo(counts.get(0));
          ctx.completeNow();
        })));
  }
}
