package io.tern.store.memory;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Predicate;

/**
 * One account's messages in list order: a single array sorted by position (creation time, then
 * sid), oldest first, walked from either end. A message keeps its slot for life (its position
 * never changes), so a change of status writes the message packed anew into the same slot; a
 * deleted message stays in its slot, marked gone, until the next compaction, so the slot still
 * sorts. It holds messages as the store keeps them, packed (see {@link PackedMessage}).
 *
 * <p>Messages arrive nearly in creation order (two event loops take timestamps before the
 * store's lock), so nearly every insert is an append after one comparison. It replaced a
 * {@code ConcurrentSkipListMap<Position, Message>}, whose node, index nodes and position key
 * were 2.5 objects and about 60 bytes per kept message: an eighth of the in-memory store's
 * heap, which the collector marks over and over as the store grows.
 *
 * <p>Not thread-safe: the store calls it under its lock, reads included; a long walk is taken a
 * slice at a time (see {@link #walk}) so that a filtered listing of millions of messages never
 * holds the lock for long.
 */
final class AccountListing {
  private static final int INITIAL_CAPACITY = 16;

  /** Slots [0, used) in use, sorted by position. */
  private PackedMessage[] messages = new PackedMessage[INITIAL_CAPACITY];
  private int used;
  /** Slots whose message was deleted: skipped by walks, dropped by the next compaction. */
  private final BitSet gone = new BitSet();
  private int goneCount;

  /** What one slice of a walk found, and where the next slice starts. */
  record Slice(List<PackedMessage> matches, PackedMessage last, boolean finished) {}

  /** Adds the message, or replaces the one at its position (a later record of it). */
  void put(PackedMessage message) {
    if (used == 0 || compare(used - 1, message) < 0) {
      insertAt(used, message);
      return;
    }
    int found = search(message);
    if (found >= 0) {
      if (gone.get(found)) {
        gone.clear(found);
        goneCount--;
      }
      messages[found] = message;
      return;
    }
    insertAt(-found - 1, message);
  }

  /** Marks the message at the position of {@code message} gone, if one is there. */
  void remove(PackedMessage message) {
    int found = search(message);
    if (found < 0 || gone.get(found)) {
      return;
    }
    gone.set(found);
    goneCount++;
    if (goneCount > INITIAL_CAPACITY && goneCount * 2 > used) {
      // Fewer than half the slots hold messages: half the array holds them all.
      compact(messages.length / 2);
    }
  }

  /** Messages held, not counting the gone. */
  int size() {
    return used - goneCount;
  }

  /**
   * One slice of a walk: looks at up to {@code budget} messages strictly beyond {@code from}
   * (toward older ones when {@code towardOlder}, else toward newer; from the newest or the
   * oldest end when {@code from} is null) and keeps those {@code filter} accepts, stopping at
   * {@code wanted} of them. The next slice starts from the returned {@code last}, which need not
   * be held any more by then: a walk resumes from a position, not from a slot.
   */
  Slice walk(PackedMessage from, boolean towardOlder, Predicate<PackedMessage> filter, int wanted,
      int budget) {
    int step = towardOlder ? -1 : 1;
    int index = start(from, towardOlder);
    List<PackedMessage> matches = new ArrayList<>(Math.min(wanted, 64));
    PackedMessage last = from;
    for (int looked = 0; inRange(index) && looked < budget && matches.size() < wanted;
        index += step) {
      if (gone.get(index)) {
        continue;
      }
      looked++;
      last = messages[index];
      if (filter.test(last)) {
        matches.add(last);
      }
    }
    return new Slice(matches, last, !inRange(index));
  }

  private int start(PackedMessage from, boolean towardOlder) {
    if (from == null) {
      return towardOlder ? used - 1 : 0;
    }
    int found = search(from);
    int insertion = found >= 0 ? found : -found - 1;
    if (towardOlder) {
      return insertion - 1;
    }
    return found >= 0 ? found + 1 : insertion;
  }

  private boolean inRange(int index) {
    return index >= 0 && index < used;
  }

  private void insertAt(int index, PackedMessage message) {
    if (used == messages.length) {
      boolean append = index == used;
      compact(goneCount * 2 > used ? messages.length : messages.length * 2);
      // Compaction moved the slots: find the insertion point again.
      index = append ? used : -search(message) - 1;
    }
    System.arraycopy(messages, index, messages, index + 1, used - index);
    if (goneCount > 0) {
      shiftGoneFrom(index);
    }
    messages[index] = message;
    used++;
  }

  /** Moves the gone marks at or after {@code index} one slot up, as the messages moved. */
  private void shiftGoneFrom(int index) {
    for (int slot = gone.previousSetBit(used - 1); slot >= index;
        slot = gone.previousSetBit(slot - 1)) {
      gone.clear(slot);
      gone.set(slot + 1);
    }
  }

  /** Drops the gone slots into an array of {@code capacity}. */
  private void compact(int capacity) {
    PackedMessage[] kept = new PackedMessage[capacity];
    int next = 0;
    for (int i = 0; i < used; i++) {
      if (!gone.get(i)) {
        kept[next++] = messages[i];
      }
    }
    messages = kept;
    used = next;
    gone.clear();
    goneCount = 0;
  }

  /** The slot of the message's position in [0, used), or {@code -(insertion point) - 1}. */
  private int search(PackedMessage message) {
    long at = message.createdMicros();
    String sid = message.sid();
    int low = 0;
    int high = used - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      int order = compare(middle, at, sid);
      if (order < 0) {
        low = middle + 1;
      } else if (order > 0) {
        high = middle - 1;
      } else {
        return middle;
      }
    }
    return -low - 1;
  }

  private int compare(int index, PackedMessage message) {
    return compare(index, message.createdMicros(), message.sid());
  }

  private int compare(int index, long at, String sid) {
    PackedMessage held = messages[index];
    int byDate = Long.compare(held.createdMicros(), at);
    return byDate != 0 ? byDate : held.sid().compareTo(sid);
  }
}
