package io.tern.store;

import io.tern.message.Message;
import io.tern.message.MessageStatus;
import io.tern.message.StatusChange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.vertx.core.Future;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every store promises of the {@link MessageLifecycle}: forward-only status changes, in
 * order, and the recovery reads the throttle and recovery rebuild their queues from.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
public abstract class MessageLifecycleContractTest extends StoreContractFixture {
  @Test
  void lateSentAfterDeliveredIsIgnored(VertxTestContext ctx) {
    Instant sentAt = T0.plusSeconds(1);
    Instant deliveredAt = T0.plusSeconds(2);
    List<List<Message>> answers = new ArrayList<>();

    insertAll(queued(1, T0, sender(1), 1))
        .compose(x -> apply(StatusChange.sent(sid(1), sentAt))).andThen(ctx.succeeding(answers::add))
        .compose(x -> apply(StatusChange.to(sid(1), MessageStatus.DELIVERED, deliveredAt)))
        .andThen(ctx.succeeding(answers::add))
        .compose(x -> apply(StatusChange.sent(sid(1), T0.plusSeconds(3))))
        .andThen(ctx.succeeding(answers::add))
        .compose(x -> store().find(account, sid(1)))
        .onComplete(ctx.succeeding(found -> ctx.verify(() -> {
          assertThat(statusesOf(answers.get(0))).containsExactly(MessageStatus.SENT);
          assertThat(answers.get(0).get(0).dateSent()).isEqualTo(StoredForm.of(sentAt));
          assertThat(statusesOf(answers.get(1))).containsExactly(MessageStatus.DELIVERED);
          assertThat(answers.get(2)).as("not applied").containsExactly((Message) null);
          Message message = found.orElseThrow();
          assertThat(message.status()).isEqualTo(MessageStatus.DELIVERED);
          assertThat(message.dateUpdated()).isEqualTo(StoredForm.of(deliveredAt));
          assertThat(message).isEqualTo(answers.get(1).get(0));
          ctx.completeNow();
        })));
  }

  @Test
  void failedStaysFailed(VertxTestContext ctx) {
    insertAll(queued(1, T0, sender(1), 1))
        .compose(x -> apply(StatusChange.failed(sid(1), MessageStatus.FAILED, T0.plusSeconds(1),
            30001, "Queue overflow")))
        .compose(x -> apply(StatusChange.to(sid(1), MessageStatus.DELIVERED, T0.plusSeconds(2)),
            StatusChange.sent(sid(1), T0.plusSeconds(2)),
            StatusChange.to(sid(1), MessageStatus.QUEUED, T0.plusSeconds(2))))
        .andThen(ctx.succeeding(answers -> ctx.verify(
            () -> assertThat(answers).containsExactly(null, null, null))))
        .compose(x -> store().find(account, sid(1)))
        .onComplete(ctx.succeeding(found -> ctx.verify(() -> {
          Message message = found.orElseThrow();
          assertThat(message.status()).isEqualTo(MessageStatus.FAILED);
          assertThat(message.errorCode()).isEqualTo(30001);
          assertThat(message.errorMessage()).isEqualTo("Queue overflow");
          assertThat(message.dateSent()).isNull();
          ctx.completeNow();
        })));
  }

  @Test
  void changesToOneMessageInOneBatchApplyInOrder(VertxTestContext ctx) {
    Instant t = T0.plusSeconds(10);
    insertAll(queued(1, T0, sender(1), 1), queued(2, T0, sender(1), 1))
        .compose(x -> apply(
            StatusChange.to(sid(2), MessageStatus.SENDING, t),
            StatusChange.to(sid(1), MessageStatus.SENDING, t),
            StatusChange.sent(sid(2), t.plusSeconds(1)),
            StatusChange.to(sid(9), MessageStatus.SENT, t),
            StatusChange.to(sid(2), MessageStatus.DELIVERED, t.plusSeconds(2)),
            StatusChange.sent(sid(2), t.plusSeconds(3)),
            StatusChange.failed(sid(1), MessageStatus.FAILED, t.plusSeconds(1), 30008, "Unknown")))
        .onComplete(ctx.succeeding(answers -> ctx.verify(() -> {
          assertThat(sidsOf(answers))
              .containsExactly(sid(2), sid(1), sid(2), null, sid(2), null, sid(1));
          assertThat(statusesOf(answers)).containsExactly(MessageStatus.SENDING,
              MessageStatus.SENDING, MessageStatus.SENT, null, MessageStatus.DELIVERED, null,
              MessageStatus.FAILED);
          Message delivered = answers.get(4);
          assertThat(delivered.dateSent()).as("kept from sent").isEqualTo(StoredForm.of(t.plusSeconds(1)));
          assertThat(delivered.dateUpdated()).isEqualTo(StoredForm.of(t.plusSeconds(2)));
          ctx.completeNow();
        })));
  }

  @Test
  void aRefusedChangeOfOneMessageDoesNotStopItsLaterChangesNorOtherMessagesInOneBatch(
      VertxTestContext ctx) {
    // Several changes of several messages, interleaved: each message's changes apply in list
    // order, a refused one (delivered before sent, a repeated sent) in between changes nothing,
    // and every applied reported change writes its message's next callback, the first one due.
    Instant t = T0.plusSeconds(10);
    insertAll(queued(1, T0, sender(1), 1), queued(2, T0, sender(1), 1),
        queued(3, T0, sender(1), 1))
        .compose(x -> apply(
            StatusChange.to(sid(3), MessageStatus.SENDING, t),
            StatusChange.sent(sid(1), t),
            StatusChange.to(sid(3), MessageStatus.QUEUED, t),
            StatusChange.delivered(sid(1), t.plusSeconds(1), t),
            StatusChange.to(sid(9), MessageStatus.SENDING, t),
            StatusChange.sent(sid(3), t.plusSeconds(1)),
            StatusChange.sent(sid(1), t.plusSeconds(2)),
            StatusChange.undelivered(sid(3), t.plusSeconds(2), 30003, "Unreachable", t),
            StatusChange.to(sid(2), MessageStatus.SENDING, t)))
        .andThen(ctx.succeeding(answers -> ctx.verify(() -> {
          assertThat(sidsOf(answers)).containsExactly(sid(3), sid(1), null, sid(1), null,
              sid(3), null, sid(3), sid(2));
          assertThat(statusesOf(answers)).containsExactly(MessageStatus.SENDING,
              MessageStatus.SENT, null, MessageStatus.DELIVERED, null, MessageStatus.SENT, null,
              MessageStatus.UNDELIVERED, MessageStatus.SENDING);
          assertThat(answers.get(7).errorCode()).isEqualTo(30003);
          assertThat(answers.get(7).dateSent()).isEqualTo(StoredForm.of(t.plusSeconds(1)));
        })))
        .compose(x -> Future.all(store().callbacks(account, sid(1)),
            store().callbacks(account, sid(3)), due(t.plusSeconds(3600))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          List<PendingCallback> first = all.resultAt(0);
          List<PendingCallback> third = all.resultAt(1);
          List<PendingCallback> due = all.resultAt(2);
          assertThat(first).extracting(PendingCallback::status, PendingCallback::sequence)
              .containsExactly(tuple(MessageStatus.SENT, 1), tuple(MessageStatus.DELIVERED, 2));
          assertThat(third).extracting(PendingCallback::status, PendingCallback::sequence)
              .containsExactly(tuple(MessageStatus.SENT, 1),
                  tuple(MessageStatus.UNDELIVERED, 2));
          assertThat(third.get(1).params()).containsEntry("ErrorCode", "30003")
              .containsKey("RawDlrDoneDate");
          assertThat(first.get(0).params()).doesNotContainKey("ErrorCode");
          assertThat(due).as("each message's first callback alone is due")
              .extracting(PendingCallback::messageSid, PendingCallback::sequence)
              .containsExactlyInAnyOrder(tuple(sid(1), 1), tuple(sid(3), 1));
          ctx.completeNow();
        })));
  }

  @Test
  void onlyAScheduledMessageIsCanceled(VertxTestContext ctx) {
    Message scheduled = outbound(1, T0, null, "MG00000000000000000000000000000001",
        MessageStatus.SCHEDULED, 0, null);
    Message released = outbound(2, T0, null, "MG00000000000000000000000000000001",
        MessageStatus.SCHEDULED, 0, null);

    insertAll(scheduled, released)
        .compose(x -> apply(StatusChange.assigned(sid(2), T0.plusSeconds(1), sender(1), 1, "GSM")))
        .compose(x -> apply(StatusChange.to(sid(1), MessageStatus.CANCELED, T0.plusSeconds(2)),
            StatusChange.to(sid(2), MessageStatus.CANCELED, T0.plusSeconds(2))))
        .onComplete(ctx.succeeding(answers -> ctx.verify(() -> {
          assertThat(statusesOf(answers)).containsExactly(MessageStatus.CANCELED, null);
          ctx.completeNow();
        })));
  }

  @Test
  void assignedSenderPutsTheMessageInThatSendersQueue(VertxTestContext ctx) {
    String service = "MG00000000000000000000000000000002";
    Instant at = T0.plusSeconds(5);
    List<List<Message>> queues = new ArrayList<>();

    insertAll(unassigned(1, T0, service, null), unassigned(2, T0.plusMillis(1), service, null))
        .compose(x -> apply(StatusChange.assigned(sid(1), at, sender(1), 2, "UCS2"),
            StatusChange.assigned(sid(2), at, "Tern", 1, "GSM")))
        .andThen(ctx.succeeding(answers -> ctx.verify(() -> {
          Message assigned = answers.get(0);
          assertThat(assigned.status()).isEqualTo(MessageStatus.QUEUED);
          assertThat(assigned.from()).isEqualTo(sender(1));
          assertThat(assigned.numSegments()).isEqualTo(2);
          assertThat(assigned.encoding()).isEqualTo("UCS2");
          assertThat(assigned.senderKey()).isEqualTo(sender(1));
          assertThat(answers.get(1).senderKey()).isEqualTo(account + ":Tern");
        })))
        .compose(x -> store().queuedForSender(sender(1), null, null, 10))
        .andThen(ctx.succeeding(queues::add))
        .compose(x -> store().queuedForSender(account + ":Tern", null, null, 10))
        .andThen(ctx.succeeding(queues::add))
        .compose(x -> store().backlog())
        .onComplete(ctx.succeeding(backlog -> ctx.verify(() -> {
          assertThat(sidsOf(queues.get(0))).containsExactly(sid(1));
          assertThat(sidsOf(queues.get(1))).containsExactly(sid(2));
          assertThat(backlog).contains(new SenderBacklog(sender(1), 1, 2),
              new SenderBacklog(account + ":Tern", 1, 1));
          ctx.completeNow();
        })));
  }

  @Test
  void backlogSumsQueuedAndSendingMessagesPerSender(VertxTestContext ctx) {
    insertAll(queued(1, T0, sender(1), 1), queued(2, T0, sender(1), 3),
        queued(3, T0, sender(2), 2), queued(4, T0, sender(2), 4), queued(5, T0, sender(1), 7))
        .compose(x -> apply(StatusChange.to(sid(3), MessageStatus.SENDING, T0.plusSeconds(1)),
            StatusChange.sent(sid(4), T0.plusSeconds(1)),
            StatusChange.failed(sid(5), MessageStatus.FAILED, T0.plusSeconds(1), 30001, "Full")))
        .compose(x -> store().backlog())
        .onComplete(ctx.succeeding(backlog -> ctx.verify(() -> {
          List<SenderBacklog> mine = backlog.stream()
              .filter(b -> b.senderKey().startsWith(senderPrefix))
              .toList();
          assertThat(mine).containsExactly(
              new SenderBacklog(sender(1), 2, 4), new SenderBacklog(sender(2), 1, 2));
          ctx.completeNow();
        })));
  }

  @Test
  void queueDepthCountsOneSendersQueuedSegmentsAndSendingMessages(VertxTestContext ctx) {
    insertAll(queued(1, T0, sender(1), 1), queued(2, T0, sender(1), 3), queued(3, T0, sender(1), 2),
        queued(4, T0, sender(1), 4), queued(5, T0, sender(1), 7), queued(6, T0, sender(2), 5))
        .compose(x -> apply(StatusChange.to(sid(3), MessageStatus.SENDING, T0.plusSeconds(1)),
            StatusChange.sent(sid(4), T0.plusSeconds(1)),
            StatusChange.failed(sid(5), MessageStatus.FAILED, T0.plusSeconds(1), 30001, "Full")))
        .compose(x -> Future.all(store().queueDepth(sender(1)), store().queueDepth(sender(2)),
            store().queueDepth(sender(3))))
        .onComplete(ctx.succeeding(depths -> ctx.verify(() -> {
          assertThat(depths.<SenderQueueDepth>resultAt(0)).isEqualTo(new SenderQueueDepth(2, 4, 1));
          assertThat(depths.<SenderQueueDepth>resultAt(1)).isEqualTo(new SenderQueueDepth(1, 5, 0));
          assertThat(depths.<SenderQueueDepth>resultAt(2)).as("nothing ever queued")
              .isEqualTo(SenderQueueDepth.EMPTY);
          ctx.completeNow();
        })));
  }

  @Test
  void requeueInterruptedPutsSendingMessagesBackInTheirQueue(VertxTestContext ctx) {
    insertAll(queued(1, T0, sender(1), 1), queued(2, T0.plusSeconds(1), sender(1), 1))
        .compose(x -> apply(StatusChange.to(sid(1), MessageStatus.SENDING, T0.plusSeconds(2))))
        .compose(x -> store().requeueInterrupted())
        .compose(moved -> store().findBySids(List.of(sid(1), sid(2))).map(found -> Map.entry(moved, found)))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertThat(result.getKey()).isGreaterThanOrEqualTo(1);
          assertThat(result.getValue()).extracting(Message::status)
              .containsExactly(MessageStatus.QUEUED, MessageStatus.QUEUED);
          ctx.completeNow();
        })));
  }

  @Test
  void requeueInterruptedOfSendersLeavesOtherSendersSending(VertxTestContext ctx) {
    insertAll(queued(1, T0, sender(1), 1), queued(2, T0, sender(2), 1), queued(3, T0, sender(3), 1))
        .compose(x -> apply(StatusChange.to(sid(1), MessageStatus.SENDING, T0.plusSeconds(2)),
            StatusChange.to(sid(2), MessageStatus.SENDING, T0.plusSeconds(2)),
            StatusChange.to(sid(3), MessageStatus.SENDING, T0.plusSeconds(2))))
        .compose(x -> store().requeueInterrupted(List.of(sender(1), sender(3), "+19999999999")))
        .compose(moved -> store().requeueInterrupted(List.of())
            .compose(none -> store().findBySids(List.of(sid(1), sid(2), sid(3))))
            .map(found -> Map.entry(moved, found)))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertThat(result.getKey()).isEqualTo(2);
          assertThat(result.getValue()).extracting(Message::status).containsExactly(
              MessageStatus.QUEUED, MessageStatus.SENDING, MessageStatus.QUEUED);
          ctx.completeNow();
        })));
  }

  @Test
  void queuedForSenderPagesInCreationOrderByCursor(VertxTestContext ctx) {
    // Messages 3 and 4 share a creation time: the lower sid comes first.
    insertAll(queued(1, T0.plusSeconds(5), sender(1), 1), queued(2, T0, sender(1), 1),
        queued(3, T0.plusSeconds(2), sender(1), 1), queued(4, T0.plusSeconds(2), sender(1), 1),
        queued(5, T0.plusSeconds(1), sender(1), 1), queued(6, T0.plusSeconds(3), sender(2), 1),
        queued(7, T0.plusSeconds(4), sender(1), 1))
        .compose(x -> apply(StatusChange.to(sid(3), MessageStatus.SENDING, T0.plusSeconds(9)),
            StatusChange.sent(sid(7), T0.plusSeconds(9))))
        .compose(x -> pagesOf(sender(1), null, null, 2, new ArrayList<>()))
        .onComplete(ctx.succeeding(pages -> ctx.verify(() -> {
          assertThat(pages).extracting(StoreContractFixture::sidsOf).containsExactly(
              List.of(sid(2), sid(5)), List.of(sid(3), sid(4)), List.of(sid(1)), List.of());
          ctx.completeNow();
        })));
  }

  /**
   * What a throttle refills its windows with: each queued message's place, segments and
   * validity period, in the order and pages of {@link MessageLifecycle#queuedForSender}; a
   * message assigned to the sender later comes with the segments its assignment counted.
   */
  @Test
  void senderQueueHoldsWhatAWindowNeedsInQueueOrder(VertxTestContext ctx) {
    String service = "MG00000000000000000000000000000004";
    Message third = queued(1, T0.plusSeconds(2), sender(1), 3);
    Message first = queued(2, T0, sender(1), 1);
    Message otherSender = queued(3, T0.plusSeconds(1), sender(2), 1);
    Message assignedLater = unassigned(4, T0.plusSeconds(1), service, null);
    List<List<QueuedMessage>> pages = new ArrayList<>();

    insertAll(third, first, otherSender, assignedLater)
        .compose(x -> apply(StatusChange.assigned(sid(4), T0.plusSeconds(3), sender(1), 2, "UCS2")))
        .compose(x -> store().senderQueue(sender(1), null, null, 2))
        .andThen(ctx.succeeding(pages::add))
        .compose(page -> store().senderQueue(sender(1), page.get(1).dateCreated(), page.get(1).sid(), 2))
        .onComplete(ctx.succeeding(last -> ctx.verify(() -> {
          // As stored: to the microsecond.
          assertThat(pages.get(0)).containsExactly(QueuedMessage.of(StoredForm.of(first)),
              new QueuedMessage(sid(4), StoredForm.of(assignedLater.dateCreated()), 2,
                  assignedLater.validityPeriod()));
          assertThat(last).containsExactly(QueuedMessage.of(StoredForm.of(third)));
          ctx.completeNow();
        })));
  }

  @Test
  void aDeletedMessageLeavesItsSendersQueue(VertxTestContext ctx) {
    List<List<Message>> queues = new ArrayList<>();

    insertAll(queued(1, T0, sender(1), 1), queued(2, T0.plusMillis(1), sender(1), 1))
        .compose(x -> store().queuedForSender(sender(1), null, null, 10))
        .andThen(ctx.succeeding(queues::add))
        .compose(x -> store().applyStatusChanges(List.of(
            StatusChange.to(sid(1), MessageStatus.SENDING, T0.plusSeconds(1)),
            StatusChange.failed(sid(1), MessageStatus.FAILED, T0.plusSeconds(2), 30008, "Unknown"))))
        .compose(x -> store().delete(account, sid(1)))
        .compose(x -> store().queuedForSender(sender(1), null, null, 10))
        .onComplete(ctx.succeeding(afterDelete -> ctx.verify(() -> {
          assertThat(sidsOf(queues.get(0))).containsExactly(sid(1), sid(2));
          assertThat(sidsOf(afterDelete)).containsExactly(sid(2));
          ctx.completeNow();
        })));
  }

  @Test
  void findByStatusPagesInCreationOrder(VertxTestContext ctx) {
    // An era no other test creates messages in, so the scan from its start sees only ours.
    Instant era = Instant.parse("2001-03-01T00:00:00Z");
    String service = "MG00000000000000000000000000000003";
    Message first = outbound(1, era.plusSeconds(3), null, service, MessageStatus.SCHEDULED, 0, null);
    Message second = outbound(2, era.plusSeconds(1), null, service, MessageStatus.SCHEDULED, 0, null);
    Message third = outbound(3, era.plusSeconds(7), null, service, MessageStatus.SCHEDULED, 0, null);
    Message accepted = unassigned(4, era.plusSeconds(2), service, null);
    List<List<Message>> pages = new ArrayList<>();

    insertAll(first, second, third, accepted)
        .compose(x -> store().findByStatus(MessageStatus.SCHEDULED, era, "", 2))
        .andThen(ctx.succeeding(pages::add))
        .compose(page -> store().findByStatus(MessageStatus.SCHEDULED,
            page.get(1).dateCreated(), page.get(1).sid(), 1))
        .andThen(ctx.succeeding(pages::add))
        .compose(x -> store().findByStatus(MessageStatus.ACCEPTED, era, "", 1))
        .andThen(ctx.succeeding(pages::add))
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          assertThat(sidsOf(pages.get(0))).containsExactly(sid(2), sid(1));
          assertThat(sidsOf(pages.get(1))).containsExactly(sid(3));
          assertThat(sidsOf(pages.get(2))).containsExactly(sid(4));
          assertThat(pages.get(1).get(0)).isEqualTo(StoredForm.of(third));
          ctx.completeNow();
        })));
  }

  @Test
  void findByStatusFindsMessagesOfAStatusOutsideRecoveryToo(VertxTestContext ctx) {
    // Recovery asks for scheduled and accepted messages; any other status is answered as
    // well, by the same rules, though a store may scan for it. An era of its own, as above.
    Instant era = Instant.parse("2001-04-01T00:00:00Z");
    // No status callback, so the changes leave the outbox to the tests that read it.
    Message later = outbound(1, era.plusSeconds(5), sender(1), null, MessageStatus.QUEUED, 1, null);
    Message earlier = outbound(2, era.plusSeconds(2), sender(1), null, MessageStatus.QUEUED, 1, null);
    Message stillQueued =
        outbound(3, era.plusSeconds(3), sender(1), null, MessageStatus.QUEUED, 1, null);
    List<List<Message>> pages = new ArrayList<>();

    insertAll(later, earlier, stillQueued)
        .compose(x -> apply(StatusChange.sent(sid(1), era.plusSeconds(10)),
            StatusChange.sent(sid(2), era.plusSeconds(10))))
        // Limits that stop at our messages: other tests' sent messages are newer.
        .compose(x -> store().findByStatus(MessageStatus.SENT, era, "", 2))
        .andThen(ctx.succeeding(pages::add))
        .compose(page -> store().findByStatus(MessageStatus.SENT,
            page.get(0).dateCreated(), page.get(0).sid(), 1))
        .andThen(ctx.succeeding(pages::add))
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          assertThat(sidsOf(pages.get(0))).containsExactly(sid(2), sid(1));
          assertThat(sidsOf(pages.get(1))).containsExactly(sid(1));
          assertThat(pages.get(0)).allMatch(m -> m.status() == MessageStatus.SENT);
          ctx.completeNow();
        })));
  }

  @Test
  void findByStatusReadsQueuedMessagesAcrossSendersInCreationOrder(VertxTestContext ctx) {
    // Queued messages are indexed by sender, not by status: the answer merges the senders'
    // queues. An era of its own, as above.
    Instant era = Instant.parse("2001-05-01T00:00:00Z");
    Message third = outbound(1, era.plusSeconds(6), sender(1), null, MessageStatus.QUEUED, 1, null);
    Message first = outbound(2, era.plusSeconds(2), sender(2), null, MessageStatus.QUEUED, 1, null);
    Message second = outbound(3, era.plusSeconds(4), sender(1), null, MessageStatus.QUEUED, 1, null);
    List<List<Message>> pages = new ArrayList<>();

    insertAll(third, first, second)
        .compose(x -> store().findByStatus(MessageStatus.QUEUED, era, "", 2))
        .andThen(ctx.succeeding(pages::add))
        .compose(page -> store().findByStatus(MessageStatus.QUEUED,
            page.get(1).dateCreated(), page.get(1).sid(), 1))
        .andThen(ctx.succeeding(pages::add))
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          assertThat(sidsOf(pages.get(0))).containsExactly(sid(2), sid(3));
          assertThat(sidsOf(pages.get(1))).containsExactly(sid(1));
          ctx.completeNow();
        })));
  }

  @Test
  void lastSendIsTheSendersLatestDateSentWithItsSegments(VertxTestContext ctx) {
    // T0 has nanoseconds: the store answers to the microsecond, as it keeps dateSent.
    Instant early = T0.plusSeconds(1);
    Instant late = T0.plusSeconds(3);
    Message received = queued(5, T0, sender(1), 1).toBuilder()
        .direction("inbound").status(MessageStatus.RECEIVED).dateSent(T0.plusSeconds(10)).build();
    insertAll(queued(1, T0, sender(1), 4), queued(2, T0, sender(1), 2), queued(3, T0, sender(1), 1),
        queued(4, T0, sender(1), 5), received, queued(6, T0, sender(1), 3),
        queued(7, T0, sender(3), 2), queued(8, T0, sender(3), 6), queued(9, T0, sender(2), 1))
        .compose(x -> apply(sentAt(1, early), sentAt(2, late),
            StatusChange.to(sid(2), MessageStatus.DELIVERED, T0.plusSeconds(4)),
            // Released at the same moment as 2 with more segments: it holds the sender longer.
            sentAt(6, late),
            // Sending and failed messages have no dateSent: the carrier never took them.
            StatusChange.to(sid(3), MessageStatus.SENDING, T0.plusSeconds(20)),
            StatusChange.failed(sid(4), MessageStatus.FAILED, T0.plusSeconds(20), 30001, "Full"),
            sentAt(7, T0.plusSeconds(5)), sentAt(8, T0.plusSeconds(2)),
            StatusChange.failed(sid(7), MessageStatus.UNDELIVERED, T0.plusSeconds(6), 30003, "Unreachable")))
        // Sender 3's latest send is deleted: the one before it is what the store knows.
        .compose(x -> store().delete(account, sid(7)))
        .compose(x -> Future.all(store().lastSend(sender(1)), store().lastSend(sender(2)),
            store().lastSend(sender(3)), store().lastSend(sender(99))))
        .onComplete(ctx.succeeding(found -> ctx.verify(() -> {
          assertThat(found.<Optional<LastSend>>resultAt(0))
              .contains(new LastSend(sender(1), T0_STORED.plusSeconds(3), 3));
          assertThat(found.<Optional<LastSend>>resultAt(1)).isEmpty();
          assertThat(found.<Optional<LastSend>>resultAt(2))
              .contains(new LastSend(sender(3), T0_STORED.plusSeconds(2), 6));
          assertThat(found.<Optional<LastSend>>resultAt(3)).isEmpty();
          ctx.completeNow();
        })));
  }

  private StatusChange sentAt(int n, Instant releasedAt) {
    return StatusChange.sent(sid(n), releasedAt.plusMillis(20), releasedAt, null, null);
  }

  @Test
  void findBySidsKeepsTheOrderGivenAndSkipsUnknownSids(VertxTestContext ctx) {
    Message mms = withMedia(queued(1, T0, sender(1), 1), T0);
    Message theirs = message(otherAccount, sid(2), T0, "+15005550006", sender(2), null);

    insertAll(mms, theirs, queued(3, T0, sender(1), 1))
        .compose(x -> store().findBySids(List.of(sid(3), sid(9), sid(2), sid(1), sid(3))))
        .onComplete(ctx.succeeding(found -> ctx.verify(() -> {
          assertThat(sidsOf(found)).containsExactly(sid(3), sid(2), sid(1));
          assertThat(found.get(2)).isEqualTo(StoredForm.of(mms));
          ctx.completeNow();
        })));
  }
}
