package io.tern.bench;

import io.tern.message.Sids;
import io.tern.throttle.EnqueueResult;
import io.tern.throttle.QueueEntry;
import io.tern.throttle.SchedulerSettings;
import io.tern.throttle.ShardScheduler;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Heap taken by queued messages in the throttle: enqueues {@code entries} entries (default
 * 1,000,000) round-robin across {@code senders} senders spread over 8 shards, as the gateway
 * does with its default settings (window of 256 entries per sender in memory, the rest counted as
 * waiting in the store), then reports heap used after a full GC, minus what was used before.
 * Every entry has its own real sid string, as in the gateway.
 *
 * <p>Usage: {@code java -Xmx1g -cp benchmarks.jar io.tern.bench.QueuedHeap SENDERS [ENTRIES]
 * [WINDOW]}. Prints one JSON line. Running it under {@code -Xmx1g} also shows it fits in 1 GiB.
 */
public final class QueuedHeap {
  private static final int SHARDS = 8;

  private QueuedHeap() {}

  public static void main(String[] args) {
    int senders = Integer.parseInt(args[0]);
    int entries = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    SchedulerSettings settings = SchedulerSettings.defaults().withMaxQueueSeconds(100_000_000);
    if (args.length > 2) {
      int window = Integer.parseInt(args[2]);
      settings = settings.withWindow(window, Math.min(64, window));
    }
    long before = usedAfterGc();
    ShardScheduler[] shards = new ShardScheduler[SHARDS];
    for (int i = 0; i < SHARDS; i++) {
      shards[i] = new ShardScheduler(settings);
    }
    String[] keys = new String[senders];
    for (int s = 0; s < senders; s++) {
      keys[s] = String.format("+1415%07d", s);
    }
    long started = System.nanoTime();
    for (int n = 0; n < entries; n++) {
      String key = keys[n % senders];
      ShardScheduler shard = shards[Math.floorMod(key.hashCode(), SHARDS)];
      EnqueueResult result = shard.enqueue(
          key, 1.0, new QueueEntry(Sids.generate(Sids.MESSAGE), 1, n, Long.MAX_VALUE));
      if (result != EnqueueResult.ACCEPTED) {
        throw new IllegalStateException("entry " + n + ": " + result);
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long after = usedAfterGc();
    long inMemory = 0;
    for (int s = 0; s < senders; s++) {
      inMemory += shards[Math.floorMod(keys[s].hashCode(), SHARDS)].windowEntries(keys[s]);
    }
    System.out.printf(
        "{\"senders\":%d,\"entries\":%d,\"window\":%d,\"entriesInMemory\":%d,"
            + "\"heapUsedMiB\":%.1f,\"bytesPerQueuedEntry\":%.1f,\"bytesPerEntryInMemory\":%.1f,"
            + "\"enqueueSeconds\":%.3f,\"maxHeapMiB\":%d}%n",
        senders, entries, settings.windowSize(), inMemory,
        (after - before) / 1048576.0, (after - before) / (double) entries,
        (after - before) / (double) Math.max(1, inMemory), seconds,
        Runtime.getRuntime().maxMemory() / 1048576);
    // Keep the schedulers reachable until after the measurement.
    if (shards[0].trackedSenders() < 0) {
      System.out.println(shards.length);
    }
  }

  private static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
