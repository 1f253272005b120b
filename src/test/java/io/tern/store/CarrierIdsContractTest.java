package io.tern.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.message.CarrierMessageIds;
import io.tern.message.Message;
import io.tern.message.MessageFixture;
import io.tern.message.MessageStatus;
import io.tern.message.Sids;
import io.tern.message.StatusChange;
import io.tern.message.DeliveryError;
import io.vertx.core.Future;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every {@link CarrierIds} promises, with the message store that records the ids along
 * with {@code sent}. Each test uses a connection name of its own, so tests may share a store.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
public abstract class CarrierIdsContractTest {
  private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
  private static final DeliveryError UNREACHABLE = DeliveryError.UNREACHABLE_HANDSET;

  private final String account = Sids.generate(Sids.ACCOUNT);
  private final String connection = "carrier-" + UUID.randomUUID();

  protected abstract MessageStore store();

  protected abstract CarrierIds carrierIds();

  /** A new message, taken to {@code sent} with these carrier ids of this test's connection. */
  private Future<String> sentWith(String... ids) {
    String sid = Sids.generate(Sids.MESSAGE);
    Message message = MessageFixture.queued(sid, account, "+15005550006", T0).build();
    return store().insert(message, null)
        .compose(inserted -> store().applyStatusChanges(List.of(
            StatusChange.to(sid, MessageStatus.SENDING, T0.plusSeconds(1)),
            StatusChange.sent(sid, T0.plusSeconds(2))
                .withCarrierIds(new CarrierMessageIds(connection, List.of(ids))))))
        .map(applied -> {
          assertThat(applied).doesNotContainNull();
          return sid;
        });
  }

  private CarrierReport delivered(String id, Instant doneDate) {
    return new CarrierReport(connection, id, MessageStatus.DELIVERED, null, null, doneDate, T0);
  }

  private CarrierReport undelivered(String id, Instant doneDate) {
    return new CarrierReport(connection, id, MessageStatus.UNDELIVERED, UNREACHABLE.code(),
        UNREACHABLE.message(), doneDate, T0);
  }

  private static String id() {
    return UUID.randomUUID().toString();
  }

  @Test
  void aReportForARecordedIdGivesItsMessagesOutcome(VertxTestContext ctx) {
    String id = id();
    sentWith(id)
        .compose(sid -> carrierIds().keep(delivered(id, T0.plusSeconds(5))).map(outcome -> {
          assertThat(outcome).contains(
              new CarrierOutcome(sid, MessageStatus.DELIVERED, null, null, T0.plusSeconds(5)));
          return sid;
        }))
        .compose(sid -> carrierIds().outcome(sid).map(again -> {
          assertThat(again).map(CarrierOutcome::status).contains(MessageStatus.DELIVERED);
          return sid;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aReportBeforeItsIdIsKeptAndMatchedOnceTheIdIsRecorded(VertxTestContext ctx) {
    String id = id();
    carrierIds().keep(undelivered(id, T0))
        .compose(early -> {
          assertThat(early).isEmpty();
          return sentWith(id);
        })
        .compose(sid -> carrierIds().recentlyMatched(10_000).map(matched -> {
          assertThat(matched).contains(sid);
          return sid;
        }))
        .compose(sid -> carrierIds().outcome(sid).map(outcome -> {
          assertThat(outcome).contains(new CarrierOutcome(sid, MessageStatus.UNDELIVERED,
              UNREACHABLE.code(), UNREACHABLE.message(), T0));
          return sid;
        }))
        .compose(sid -> carrierIds().markMatched(List.of(sid))
            .compose(marked -> carrierIds().recentlyMatched(10_000))
            .map(matched -> {
              assertThat(matched).doesNotContain(sid);
              return sid;
            }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aDuplicateReportChangesNothingTheFirstOneStands(VertxTestContext ctx) {
    String id = id();
    sentWith(id)
        .compose(sid -> carrierIds().keep(undelivered(id, T0))
            .compose(first -> carrierIds().keep(delivered(id, T0.plusSeconds(9))))
            .map(second -> {
              assertThat(second).map(CarrierOutcome::status).contains(MessageStatus.UNDELIVERED);
              assertThat(second).map(CarrierOutcome::doneDate).contains(T0);
              return sid;
            }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aMultiPartMessageIsDeliveredOnlyOnceEveryPartIs(VertxTestContext ctx) {
    String p1 = id();
    String p2 = id();
    sentWith(p1, p2)
        .compose(sid -> carrierIds().keep(delivered(p2, T0.plusSeconds(7)))
            .compose(half -> {
              assertThat(half).isEmpty();
              return carrierIds().keep(delivered(p1, T0.plusSeconds(3)));
            })
            .map(all -> {
              assertThat(all).contains(
                  new CarrierOutcome(sid, MessageStatus.DELIVERED, null, null, T0.plusSeconds(7)));
              return sid;
            }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aMultiPartMessageIsUndeliveredIfAnyPartIs(VertxTestContext ctx) {
    String p1 = id();
    String p2 = id();
    String p3 = id();
    sentWith(p1, p2, p3)
        .compose(sid -> carrierIds().keep(delivered(p1, T0))
            .compose(one -> carrierIds().keep(undelivered(p2, T0.plusSeconds(1))))
            .compose(two -> {
              assertThat(two).isEmpty();
              return carrierIds().keep(delivered(p3, T0.plusSeconds(2)));
            })
            .map(three -> {
              assertThat(three).contains(new CarrierOutcome(sid, MessageStatus.UNDELIVERED,
                  UNREACHABLE.code(), UNREACHABLE.message(), T0.plusSeconds(2)));
              return sid;
            }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aLateSecondAnswerDoesNotReplaceTheIdsOfTheSentThatApplied(VertxTestContext ctx) {
    String first = id();
    String late = id();
    sentWith(first)
        .compose(sid -> store().applyStatusChanges(List.of(StatusChange.sent(sid, T0.plusSeconds(3))
                .withCarrierIds(new CarrierMessageIds(connection, List.of(late)))))
            .compose(ignored -> carrierIds().keep(delivered(late, T0)))
            .compose(lateOutcome -> {
              assertThat(lateOutcome).isEmpty();
              return carrierIds().keep(delivered(first, T0));
            })
            .map(outcome -> {
              assertThat(outcome).map(CarrierOutcome::messageSid).contains(sid);
              return sid;
            }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void reportsKeptTogetherEachGetTheirMessagesOutcomeInOrder(VertxTestContext ctx) {
    String single = id();
    String p1 = id();
    String p2 = id();
    String early = id();
    Future.all(sentWith(single), sentWith(p1, p2))
        .compose(sent -> carrierIds().keepAll(List.of(
                delivered(p1, T0.plusSeconds(1)),
                undelivered(single, T0.plusSeconds(2)),
                delivered(early, T0),
                delivered(p2, T0.plusSeconds(3))))
            .map(outcomes -> {
              String singleSid = sent.resultAt(0);
              String twoPartSid = sent.resultAt(1);
              CarrierOutcome twoParts = new CarrierOutcome(twoPartSid, MessageStatus.DELIVERED,
                  null, null, T0.plusSeconds(3));
              // Both parts came in one call: each sees the other, so both give the outcome.
              assertThat(outcomes).containsExactly(
                  Optional.of(twoParts),
                  Optional.of(new CarrierOutcome(singleSid, MessageStatus.UNDELIVERED,
                      UNREACHABLE.code(), UNREACHABLE.message(), T0.plusSeconds(2))),
                  Optional.empty(),
                  Optional.of(twoParts));
              return outcomes;
            }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aDuplicateInTheSameCallIsADuplicateTheFirstOneStands(VertxTestContext ctx) {
    String id = id();
    sentWith(id)
        .compose(sid -> carrierIds().keepAll(List.of(
                undelivered(id, T0), delivered(id, T0.plusSeconds(9))))
            .map(outcomes -> {
              assertThat(outcomes).hasSize(2).allSatisfy(outcome -> assertThat(outcome)
                  .map(CarrierOutcome::status).contains(MessageStatus.UNDELIVERED));
              return sid;
            }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aDeletedMessagesIdsGoWithIt(VertxTestContext ctx) {
    String id = id();
    sentWith(id)
        .compose(sid -> store().delete(account, sid))
        .compose(deleted -> carrierIds().keep(delivered(id, T0)))
        .onComplete(ctx.succeeding(outcome -> ctx.verify(() -> {
          assertThat(outcome).as("the report is kept as one for an id not recorded").isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  void anIdOfAnotherConnectionIsAnotherId(VertxTestContext ctx) {
    String id = id();
    sentWith(id)
        .compose(sid -> carrierIds().keep(new CarrierReport("elsewhere-" + connection, id,
            MessageStatus.DELIVERED, null, null, T0, T0)))
        .onComplete(ctx.succeeding(outcome -> ctx.verify(() -> {
          assertThat(outcome).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  void awaitingReportsListsTheConnectionsSentMessagesBySidInPages(VertxTestContext ctx) {
    String a = id();
    String b1 = id();
    String b2 = id();
    String c = id();
    Future.all(sentWith(a), sentWith(b1, b2), sentWith(c))
        .compose(all -> {
          List<String> sids = all.<String>list();
          // The last one is reported delivered: nothing is owed for it any more.
          return store().applyStatusChanges(List.of(
                  StatusChange.delivered(sids.get(2), T0.plusSeconds(4), T0.plusSeconds(4))))
              .map(sids);
        })
        .compose(sids -> carrierIds().awaitingReports(connection, null, 1)
            .compose(first -> carrierIds().awaitingReports(connection, first.get(0).messageSid(), 10)
                .map(rest -> {
                  List<AwaitedReport> owed = new java.util.ArrayList<>(first);
                  owed.addAll(rest);
                  List<AwaitedReport> expected = new java.util.ArrayList<>(List.of(
                      new AwaitedReport(sids.get(0), MessageFixture.TO, List.of(a)),
                      new AwaitedReport(sids.get(1), MessageFixture.TO, List.of(b1, b2))));
                  expected.sort(java.util.Comparator.comparing(AwaitedReport::messageSid));
                  assertThat(first).hasSize(1);
                  assertThat(owed).containsExactlyElementsOf(expected);
                  return sids;
                })))
        .compose(sids -> carrierIds().awaitingReports("elsewhere-" + connection, null, 10))
        .onComplete(ctx.succeeding(elsewhere -> ctx.verify(() -> {
          assertThat(elsewhere).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  void unmatchedReportsAreForgottenAfterTheirTime(VertxTestContext ctx) {
    String id = id();
    CarrierReport early = new CarrierReport(connection, id, MessageStatus.DELIVERED, null, null,
        T0, T0.minusSeconds(60));
    carrierIds().keep(early)
        .compose(kept -> carrierIds().forgetReports(T0.minusSeconds(30)))
        .compose(forgotten -> {
          assertThat(forgotten).isGreaterThanOrEqualTo(1);
          return sentWith(id);
        })
        .compose(sid -> carrierIds().recentlyMatched(10_000)
            .compose(matched -> {
              assertThat(matched).doesNotContain(sid);
              return carrierIds().outcome(sid);
            }))
        .onComplete(ctx.succeeding(outcome -> ctx.verify(() -> {
          assertThat(outcome).isEqualTo(Optional.empty());
          ctx.completeNow();
        })));
  }
}
