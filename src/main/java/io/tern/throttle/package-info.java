/**
 * The throttle: per-sender queues paced at carrier rates (reference §11, DESIGN.md "throttle
 * verticle").
 *
 * <h2>Rates and window accounting</h2>
 *
 * <p>A sender's rate is in segments per second ({@link io.tern.throttle.RateRules}: US/CA long
 * code 1, US/CA toll-free 3, other long codes and alphanumeric IDs 10, short codes 100; a
 * positive per-sender override wins; fractions such as 0.5 are fine). Pacing is GCRA-style
 * virtual scheduling: sending a message of N segments at {@code now} sets
 * {@code nextFreeAt = max(now, nextFreeAt) + N/rate} (rounded up to the microsecond), and the
 * sender sends nothing before {@code nextFreeAt}. There is no burst credit beyond one message:
 * an idle sender may send at once, then waits out the hold of what it sent, and a hold survives
 * the sender going idle (a new message inside it waits).
 *
 * <p>Window accounting: a message's N segments count as spread evenly over its hold interval
 * {@code [sentAt, sentAt + N/rate)}. Hold intervals of one sender never overlap and each carries
 * exactly {@code rate} segments per second, so over <em>any</em> one-second window a sender's
 * segments never exceed its rate (counting whole messages at their send instant would let a
 * 3-segment message at 1/s look like a burst of 3 — it is not: it holds the sender 3 s). With a
 * backlog the intervals are back to back (the rounding leaves under 1 µs per message), so over a
 * minute a sender reaches its rate. The only loss is timer lateness: a sender dispatched late
 * starts its hold at the late instant rather than catching up, since catching up would be a
 * burst.
 *
 * <h2>Queues, cap and validity</h2>
 *
 * <p>The store is the truth; the throttle holds only {@link io.tern.throttle.QueueEntry}s (sid,
 * segments, created, deadline). Each sender keeps up to {@code windowSize} entries in memory, in
 * store order, and counts the rest as waiting in the store. Once anything waits there, new
 * entries are only counted (in memory they would overtake older stored ones); when the window
 * falls below the low-water mark, {@link io.tern.throttle.ShardScheduler#refillsNeeded()} asks
 * for the next entries after a cursor (createdMicros, sid), one request per sender at a time.
 * Entries at or before the cursor are never loaded twice. The counts are estimates that enqueue
 * and refill can race on; the store's "exhausted" answer corrects them, and a sender keeps
 * asking until the store says it has nothing more, so no committed entry is stranded by a
 * miscount. The owner must still move a message from queued to sending with a conditional
 * update before submitting it: that, not this package, is what makes a double send impossible
 * (an enqueue arriving after the same entry was refilled and already sent looks, here, like a
 * late commit).
 *
 * <p>A sender holds at most {@code rate × maxQueueSeconds} segments (default 14,400 s, so
 * 14,400 for a 1/s long code), memory and store together; beyond that
 * {@link io.tern.throttle.ShardScheduler#enqueue} returns OVERFLOW (the message fails with 30001).
 * An entry whose deadline (created + ValidityPeriod) has passed when it reaches the head comes
 * back EXPIRED (failed with 30036) without charging the sender's rate, and the next entry is
 * considered at once.
 *
 * <h2>Scheduling: a min-heap of senders with backlog</h2>
 *
 * <p>Senders are independent: each has its own {@code nextFreeAt}, so one sender's backlog never
 * delays another. A sender with entries in memory sits in one binary min-heap
 * ({@link java.util.PriorityQueue}) keyed by {@code nextFreeAt}; {@code due(now)} pops every
 * sender whose key is at most {@code now}, dispatches its head, and pushes it back with its new
 * key. Hence:
 *
 * <ul>
 *   <li>enqueue: O(1) when the sender already waits in the heap, O(log S) when it becomes ready
 *       (S = senders with backlog in the shard); one hash lookup by sender key;
 *   <li>dispatch: O(log S) (one poll, one add); expired entries cost O(1) each;
 *   <li>the owner needs ONE timer, for the heap's minimum ({@code nextWakeMicros()});
 *   <li>idle senders cost nothing: a sender with nothing queued is in no heap. While its last
 *       hold runs it stays in the sender map and a second heap of hold expiries, and is dropped
 *       at the first {@code due(now)} after the hold ends, so scheduling work depends on senders
 *       with backlog, never on how many senders exist.
 * </ul>
 *
 * <p>Memory: about 250 bytes per sender with state (the queue object, its small ArrayDeque, a map
 * node and a heap slot) and about 40 bytes per in-memory entry, plus the entry's sid string
 * (about 80 bytes for a 34-character sid, which the shard needs anyway to claim the message at send
 * time); the window bounds entries per sender, the store holds the rest. For 100,000 senders
 * with backlog the heap is 17 levels deep: a dispatch costs about 34 comparisons in one array,
 * with no allocation beyond the returned {@link io.tern.throttle.Dispatch}. Measured on the
 * 2-core build machine (fake clock, 100,000 senders at 1, 3, 10 and 100/s, 10 entries each):
 * 1,000,000 enqueues in about 0.1 s, the whole drain in about 1 s (1 µs per dispatch, cache
 * misses included), 65 MB of scheduler state without the sids. 100,000 US long codes with
 * backlog need 100,000 dispatches a second, a tenth of one core, which is why the simpler heap
 * was chosen over a hierarchical timing wheel (Netty's HashedWheelTimer, Kafka's
 * TimingWheel): a wheel's O(1) insert pays off only at many more timers, and it needs a tick
 * granularity and overflow wheels to cover holds from 4 ms (250/s) to hours without rounding a
 * hold down. {@code maxDispatchesPerCall} bounds the work of one timer tick when many senders
 * fall due at the same instant; the rest are returned by the next call, which the
 * owner makes at once since {@code nextWakeMicros()} is then {@code now}.
 *
 * <p>Nothing here is thread-safe or asynchronous: one shard's scheduler belongs to its verticle's
 * event loop, and time is passed in as microseconds, so tests run it on a fake clock.
 */
package io.tern.throttle;
