package io.tern.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The in-memory window onto the store: refill requests, their cursors and their answers. */
class RefillTest {
  private static final String SENDER = "+447700900100";
  private static final double RATE = 10;
  private static final long TICK = 100_000; // one 1-segment message at 10/s

  /** Window 4, refill below 2. */
  private final FakeClockShard shard = new FakeClockShard(
      SchedulerSettings.defaults().withWindow(4, 2));
  private final ShardScheduler scheduler = shard.scheduler;
  /** What the store holds for the sender, in store order. */
  private final List<QueueEntry> store = new ArrayList<>();

  @Test
  void entriesBeyondTheWindowAreCountedNotHeld() {
    commitAndEnqueue(14);

    assertThat(scheduler.windowEntries(SENDER)).isEqualTo(4);
    assertThat(scheduler.storedBeyondWindow(SENDER)).isEqualTo(10);
    assertThat(scheduler.queuedSegments(SENDER)).isEqualTo(14);
    assertThat(scheduler.refillsNeeded()).as("the window is above the low-water mark").isEmpty();
  }

  @Test
  void aRefillIsRequestedBelowTheLowWaterMarkWithTheCursorOfTheLastEntryLoaded() {
    commitAndEnqueue(14);

    shard.runUntil(TICK); // SM01 and SM02 sent: 2 left in the window
    assertThat(scheduler.refillsNeeded()).isEmpty();
    shard.runUntil(2 * TICK); // SM03 sent: 1 left

    List<RefillRequest> requests = scheduler.refillsNeeded();

    assertThat(requests).containsExactly(
        new RefillRequest(SENDER, new RefillRequest.Cursor(4, "SM04"), 3));
    assertThat(scheduler.refillsNeeded()).as("not asked again while outstanding").isEmpty();
    shard.runUntil(5 * TICK);
    assertThat(scheduler.refillsNeeded()).as("still outstanding after the window drained").isEmpty();
  }

  @Test
  void storedEntriesComeOutInStoreOrderAfterTheWindow() {
    commitAndEnqueue(14);

    List<RefillRequest> served = runServingRefills();

    assertThat(shard.sentSids(SENDER)).containsExactlyElementsOf(sids(1, 14));
    assertThat(served).extracting(r -> r.after().sid())
        .containsExactly("SM04", "SM07", "SM10", "SM13");
    assertThat(shard.sendTimes(SENDER)).containsExactlyElementsOf(
        IntStream.range(0, 14).mapToObj(i -> i * TICK).toList());
    scheduler.due(shard.now() + TICK); // the last hold ends
    assertThat(scheduler.internalSize()).isZero();
  }

  @Test
  void entriesEnqueuedWhileOlderOnesWaitInTheStoreDoNotOvertakeThem() {
    commitAndEnqueue(14);
    shard.runUntil(2 * TICK);

    // SM15 arrives with room in the window, but SM05..SM14 are older and still in the store.
    commitAndEnqueue(1);
    assertThat(scheduler.windowEntries(SENDER)).isEqualTo(1);
    assertThat(scheduler.storedBeyondWindow(SENDER)).isEqualTo(11);
    runServingRefills();

    assertThat(shard.sentSids(SENDER)).containsExactlyElementsOf(sids(1, 15));
  }

  @Test
  void duplicateSidsInARefillAreIgnored() {
    commitAndEnqueue(14);
    shard.runUntil(2 * TICK);
    RefillRequest request = scheduler.refillsNeeded().get(0);

    // An answer that overlaps what is already loaded (SM03 sent, SM04 in memory) and repeats SM05.
    scheduler.refill(SENDER, List.of(store.get(2), store.get(3), store.get(4), store.get(4),
        store.get(5)), false);

    assertThat(request.after().sid()).isEqualTo("SM04");
    assertThat(scheduler.windowEntries(SENDER)).isEqualTo(3); // SM04, SM05, SM06
    runServingRefills();
    assertThat(shard.sentSids(SENDER)).containsExactlyElementsOf(sids(1, 14));
  }

  @Test
  void anEnqueueOfAnEntryARefillAlreadyLoadedIsADuplicate() {
    commitAndEnqueue(6);
    shard.runUntil(2 * TICK);
    RefillRequest request = scheduler.refillsNeeded().get(0);
    // SM07 is committed and read by the refill before its own enqueue arrives.
    QueueEntry late = commit(7);
    scheduler.refill(SENDER, answer(request), false);

    assertThat(shard.enqueue(SENDER, RATE, late)).isEqualTo(EnqueueResult.DUPLICATE);
    runServingRefills();
    assertThat(shard.sentSids(SENDER)).containsExactlyElementsOf(sids(1, 7));
  }

  @Test
  void anEntryEnqueuedWhileARefillIsOutstandingIsNotLostWhenTheStoreAnswersExhausted() {
    commitAndEnqueue(6);
    shard.runUntil(2 * TICK);
    RefillRequest request = scheduler.refillsNeeded().get(0);
    List<QueueEntry> answer = answer(request); // read before SM07 commits

    commitAndEnqueue(1);
    scheduler.refill(SENDER, answer, true);

    assertThat(scheduler.storedBeyondWindow(SENDER)).isEqualTo(1);
    assertThat(scheduler.refillsNeeded()).isEmpty(); // window has SM04..SM06: above low water
    runServingRefills();
    assertThat(shard.sentSids(SENDER)).containsExactlyElementsOf(sids(1, 7));
  }

  @Test
  void afterARestartStoredEntriesAreReadFromTheOldest() {
    commit(10);

    scheduler.recoverStored(SENDER, RATE, 10, 10);
    List<RefillRequest> requests = scheduler.refillsNeeded();

    assertThat(requests).containsExactly(new RefillRequest(SENDER, null, 4));
    assertThat(requests.get(0).fromStart()).isTrue();
    assertThat(scheduler.queuedSegments(SENDER)).isEqualTo(10);
    assertThat(scheduler.nextWakeMicros()).isEqualTo(ShardScheduler.NO_WAKE);
    scheduler.refill(SENDER, answer(requests.get(0)), false);
    runServingRefills();
    assertThat(shard.sentSids(SENDER)).containsExactlyElementsOf(sids(1, 10));
  }

  @Test
  void afterARestartTheSenderWaitsOutTheHoldOfItsLastSendBeforeIt() {
    shard.runUntil(100 * TICK);
    commit(3);

    // Released 1 tick before now with 4 segments: at 10/s the sender is held 3 ticks more.
    scheduler.recoverStored(SENDER, RATE, 3, 3);
    scheduler.holdAfterLastSend(SENDER, RATE, 99 * TICK, 4);
    runServingRefills();

    assertThat(shard.sentSids(SENDER)).containsExactlyElementsOf(sids(1, 3));
    assertThat(shard.sendTimes(SENDER)).containsExactly(103 * TICK, 104 * TICK, 105 * TICK);
  }

  @Test
  void aLastSendWhoseHoldHasPassedHoldsNothing() {
    shard.runUntil(100 * TICK);
    commit(2);

    scheduler.recoverStored(SENDER, RATE, 2, 2);
    scheduler.holdAfterLastSend(SENDER, RATE, 90 * TICK, 4);
    runServingRefills();

    assertThat(shard.sendTimes(SENDER)).containsExactly(100 * TICK, 101 * TICK);
  }

  @Test
  void aLaterHoldFoundInTheStoreMovesASenderAlreadyWaitingToSend() {
    commitAndEnqueue(2);
    commit(3);

    // Another sender of the shard is due first: the heap must still hand SENDER out in order.
    shard.enqueue("+447700900200", RATE, "SMother", 1);
    scheduler.recoverStored(SENDER, RATE, 1, 1);
    scheduler.holdAfterLastSend(SENDER, RATE, 0, 5);
    runServingRefills();

    assertThat(shard.sendTimes("+447700900200")).containsExactly(0L);
    assertThat(shard.sendTimes(SENDER)).containsExactly(5 * TICK, 6 * TICK, 7 * TICK);
  }

  @Test
  void aHoldFoundInTheStoreNeverShortensTheOneTheSenderHas() {
    commitAndEnqueue(1);
    shard.runUntil(0); // SM01 sent at 0: held 1 tick
    commit(3);

    scheduler.recoverStored(SENDER, RATE, 2, 2);
    scheduler.holdAfterLastSend(SENDER, RATE, -10 * TICK, 1);
    runServingRefills();

    assertThat(shard.sendTimes(SENDER)).containsExactly(0L, TICK, 2 * TICK);
  }

  @Test
  void anAnswerNobodyAskedForIsIgnored() {
    commitAndEnqueue(3);

    scheduler.refill(SENDER, List.of(commit(4)), false);
    scheduler.refill("nobody", List.of(new QueueEntry("SMx", 1, 0, Long.MAX_VALUE)), true);

    assertThat(scheduler.windowEntries(SENDER)).isEqualTo(3);
    assertThat(scheduler.trackedSenders()).isEqualTo(1);
  }

  /** Drains the shard, answering every refill request from {@link #store} as it comes. */
  private List<RefillRequest> runServingRefills() {
    List<RefillRequest> served = new ArrayList<>();
    while (true) {
      List<RefillRequest> requests = scheduler.refillsNeeded();
      for (RefillRequest request : requests) {
        List<QueueEntry> loaded = answer(request);
        scheduler.refill(request.senderKey(), loaded, loaded.size() < request.maxCount());
      }
      served.addAll(requests);
      long wake = scheduler.nextWakeMicros();
      if (wake == ShardScheduler.NO_WAKE && requests.isEmpty()) {
        return served;
      }
      if (wake != ShardScheduler.NO_WAKE) {
        shard.runUntil(wake);
      }
    }
  }

  /** The store's query: the sender's entries after the cursor, in store order, up to max. */
  private List<QueueEntry> answer(RefillRequest request) {
    Comparator<QueueEntry> order = QueueEntry.STORE_ORDER;
    QueueEntry after = request.fromStart() ? null
        : new QueueEntry(request.after().sid(), 1, request.after().createdMicros(), 0);
    return store.stream()
        .filter(e -> after == null || order.compare(e, after) > 0)
        .sorted(order)
        .limit(request.maxCount())
        .toList();
  }

  private void commitAndEnqueue(int count) {
    for (int i = 0; i < count; i++) {
      QueueEntry entry = commit(store.size() + 1);
      shard.enqueue(SENDER, RATE, entry);
    }
  }

  private QueueEntry commit(int number) {
    QueueEntry entry = null;
    while (store.size() < number) {
      int n = store.size() + 1;
      entry = new QueueEntry(String.format("SM%02d", n), 1, n, Long.MAX_VALUE);
      store.add(entry);
    }
    return entry;
  }

  private static List<String> sids(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(n -> String.format("SM%02d", n)).toList();
  }
}
