package io.tern.store.memory;

import io.tern.message.Message;
import io.tern.store.StoredForm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * One sender's queued and sending messages, oldest first (creation time, then sid): three
 * parallel arrays sorted by position, where a message that leaves keeps its position and leaves
 * a gap until the next compaction. Messages are held packed, as the store keeps them (see
 * {@link PackedMessage}), and unpacked for a page. A sender's messages are created in order, so
 * nearly every new one is appended after a single comparison, and they leave in about that
 * order, from the front. A {@code ConcurrentSkipListMap} here cost 7% of the accept path's CPU
 * in memory: each append walked a dozen index levels of a map among a thousand, a cache miss at
 * each step.
 *
 * <p>Not thread-safe: the store calls it under its lock, reads included.
 */
final class SenderQueueIndex implements Iterable<PackedMessage> {
  private static final int INITIAL_CAPACITY = 8;

  /** Creation times in microseconds, as stored: see {@link StoredForm}. */
  private long[] created = new long[INITIAL_CAPACITY];
  private String[] sids = new String[INITIAL_CAPACITY];
  /** Null where a message left: its position stays until the gap is compacted away. */
  private PackedMessage[] messages = new PackedMessage[INITIAL_CAPACITY];
  /** Positions in use are [head, tail); every one before head is a gap. */
  private int head;
  private int tail;
  private int live;

  /** Adds the message, or replaces the one at its position (a change of status in the queue). */
  void put(PackedMessage message) {
    long at = message.createdMicros();
    String sid = message.sid();
    if (tail == head || compare(tail - 1, at, sid) < 0) {
      append(at, sid, message);
      return;
    }
    int found = search(at, sid);
    if (found >= 0) {
      if (messages[found] == null) {
        live++;
      }
      messages[found] = message;
      return;
    }
    insertAt(-found - 1, at, sid, message);
  }

  /** Removes the message at the position of {@code message}, if one is there. */
  void remove(Message message) {
    int found = search(PackedMessage.micros(message.dateCreated()), message.sid());
    if (found < 0 || messages[found] == null) {
      return;
    }
    messages[found] = null;
    live--;
    while (head < tail && messages[head] == null) {
      sids[head] = null;
      head++;
    }
  }

  /** Up to {@code limit} messages strictly after the position, or from the oldest if null. */
  List<Message> after(Instant afterCreated, String afterSid, int limit) {
    int from = head;
    if (afterCreated != null) {
      int found = search(PackedMessage.micros(afterCreated), afterSid);
      from = found >= 0 ? found + 1 : -found - 1;
    }
    List<Message> page = new ArrayList<>(Math.min(limit, 64));
    for (int i = from; i < tail && page.size() < limit; i++) {
      if (messages[i] != null) {
        page.add(messages[i].unpack());
      }
    }
    return page;
  }

  /** The messages oldest first, skipping the gaps; valid until the next change. */
  @Override
  public Iterator<PackedMessage> iterator() {
    return new Iterator<>() {
      private int next = nextHeld(head);

      @Override
      public boolean hasNext() {
        return next < tail;
      }

      @Override
      public PackedMessage next() {
        if (next >= tail) {
          throw new NoSuchElementException();
        }
        PackedMessage message = messages[next];
        next = nextHeld(next + 1);
        return message;
      }
    };
  }

  private int nextHeld(int from) {
    int index = from;
    while (index < tail && messages[index] == null) {
      index++;
    }
    return index;
  }

  int size() {
    return live;
  }

  private void append(long at, String sid, PackedMessage message) {
    if (tail == messages.length) {
      makeRoom();
    }
    set(tail++, at, sid, message);
    live++;
  }

  private void insertAt(int index, long at, String sid, PackedMessage message) {
    if (tail == messages.length) {
      makeRoom();
      // Compaction moved the entries: find the insertion point again.
      index = -search(at, sid) - 1;
    }
    System.arraycopy(created, index, created, index + 1, tail - index);
    System.arraycopy(sids, index, sids, index + 1, tail - index);
    System.arraycopy(messages, index, messages, index + 1, tail - index);
    tail++;
    set(index, at, sid, message);
    live++;
  }

  /** Drops the gaps; grows the arrays when that leaves them more than half full. */
  private void makeRoom() {
    int capacity = live * 2 > messages.length ? messages.length * 2 : messages.length;
    long[] newCreated = new long[capacity];
    String[] newSids = new String[capacity];
    PackedMessage[] newMessages = new PackedMessage[capacity];
    int next = 0;
    for (int i = head; i < tail; i++) {
      if (messages[i] != null) {
        newCreated[next] = created[i];
        newSids[next] = sids[i];
        newMessages[next] = messages[i];
        next++;
      }
    }
    created = newCreated;
    sids = newSids;
    messages = newMessages;
    head = 0;
    tail = next;
  }

  private void set(int index, long at, String sid, PackedMessage message) {
    created[index] = at;
    sids[index] = sid;
    messages[index] = message;
  }

  /** The index of the position in [head, tail), or {@code -(insertion point) - 1}. */
  private int search(long at, String sid) {
    int low = head;
    int high = tail - 1;
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

  private int compare(int index, long at, String sid) {
    int byDate = Long.compare(created[index], at);
    return byDate != 0 ? byDate : sids[index].compareTo(sid);
  }
}
