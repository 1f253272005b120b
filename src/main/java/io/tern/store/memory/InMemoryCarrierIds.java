package io.tern.store.memory;

import io.tern.message.CarrierMessageIds;
import io.tern.message.Message;
import io.tern.message.MessageStatus;
import io.tern.store.AwaitedReport;
import io.tern.store.CarrierIds;
import io.tern.store.CarrierOutcome;
import io.tern.store.CarrierReport;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Carrier ids and delivery reports in memory, beside the {@link InMemoryMessageStore} that
 * records the ids as it applies {@code sent} and whose messages it reads. Guarded by its own
 * lock, which the message store may take while holding its own (never the other way round).
 */
public final class InMemoryCarrierIds implements CarrierIds {
  private record Key(String connection, String carrierId) {}

  private record Part(String messageSid, int part) {}

  private final Function<String, Message> messages;
  private final Map<Key, Part> partsById = new HashMap<>();
  private final TreeMap<String, List<Key>> idsBySid = new TreeMap<>();
  private final Map<Key, CarrierReport> reports = new HashMap<>();
  // Reports kept before their id was recorded, until they are applied.
  private final Set<Key> unmatched = new LinkedHashSet<>();
  // Every kept report again, oldest receivedAt first, so forgetReports takes the old ones off
  // the front instead of reading them all. Reports come in the order of the carrier verticle's
  // clock, so nearly all are appended to the deque; one received before the deque's last (a
  // clock set back, a caller's own times) goes to the heap, which keeps its own order. Reports
  // leave only through forgetReports; an entry whose report is no longer the one kept for its id
  // (should another way out be added) is dropped when it comes off the front, forgetting nothing.
  private final ArrayDeque<CarrierReport> keptInOrder = new ArrayDeque<>();
  private final Queue<CarrierReport> keptOutOfOrder =
      new PriorityQueue<>(Comparator.comparing(CarrierReport::receivedAt));

  /** @param messages the message of a sid, or null */
  InMemoryCarrierIds(Function<String, Message> messages) {
    this.messages = messages;
  }

  /** The ids of a message the carrier accepted; they replace any it had. */
  synchronized void record(String messageSid, CarrierMessageIds ids) {
    List<Key> keys = new ArrayList<>();
    for (int i = 0; i < ids.ids().size(); i++) {
      Key key = new Key(ids.connection(), ids.ids().get(i));
      keys.add(key);
      partsById.put(key, new Part(messageSid, i));
    }
    // Immutable and exactly sized: kept for every message sent, where a growable list spent
    // two objects and room for ten.
    idsBySid.put(messageSid, List.copyOf(keys));
  }

  /** The message was deleted: its ids go with it. */
  synchronized void forget(String messageSid) {
    List<Key> keys = idsBySid.remove(messageSid);
    if (keys != null) {
      keys.forEach(key -> {
        Part part = partsById.get(key);
        if (part != null && part.messageSid().equals(messageSid)) {
          partsById.remove(key);
        }
      });
    }
  }

  @Override
  public synchronized Future<List<Optional<CarrierOutcome>>> keepAll(List<CarrierReport> given) {
    given.forEach(report -> {
      Key key = new Key(report.connection(), report.carrierId());
      if (reports.putIfAbsent(key, report) == null) {
        inOrder(report);
        if (!partsById.containsKey(key)) {
          unmatched.add(key);
        }
      }
    });
    // Outcomes after every report of the call is kept, as the PostgreSQL store reads them.
    List<Optional<CarrierOutcome>> outcomes = new ArrayList<>(given.size());
    given.forEach(report -> {
      Part part = partsById.get(new Key(report.connection(), report.carrierId()));
      outcomes.add(part == null ? Optional.empty() : outcomeOf(part.messageSid()));
    });
    return Future.succeededFuture(outcomes);
  }

  @Override
  public synchronized Future<Map<String, CarrierOutcome>> outcomes(Set<String> messageSids) {
    Map<String, CarrierOutcome> outcomes = new HashMap<>();
    messageSids.forEach(sid -> outcomeOf(sid).ifPresent(outcome -> outcomes.put(sid, outcome)));
    return Future.succeededFuture(outcomes);
  }

  private Optional<CarrierOutcome> outcomeOf(String messageSid) {
    List<Key> keys = idsBySid.get(messageSid);
    if (keys == null) {
      return Optional.empty();
    }
    List<CarrierReport> partReports = new ArrayList<>();
    keys.forEach(key -> partReports.add(reports.get(key)));
    return CarrierOutcome.of(messageSid, partReports);
  }

  @Override
  public synchronized Future<List<String>> recentlyMatched(int limit) {
    Set<String> sids = new LinkedHashSet<>();
    for (Key key : unmatched) {
      Part part = partsById.get(key);
      if (part != null && sids.size() < limit) {
        sids.add(part.messageSid());
      }
    }
    return Future.succeededFuture(List.copyOf(sids));
  }

  @Override
  public synchronized Future<Void> markMatched(List<String> messageSids) {
    for (String sid : messageSids) {
      idsBySid.getOrDefault(sid, List.of()).forEach(unmatched::remove);
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<List<AwaitedReport>> awaitingReports(
      String connection, String afterSid, int limit) {
    List<AwaitedReport> awaited = new ArrayList<>();
    Map<String, List<Key>> after = afterSid == null ? idsBySid : idsBySid.tailMap(afterSid, false);
    for (Map.Entry<String, List<Key>> entry : after.entrySet()) {
      if (awaited.size() == limit) {
        break;
      }
      List<Key> keys = entry.getValue();
      if (!keys.get(0).connection().equals(connection)) {
        continue;
      }
      // Read only for this connection's ids: the store unpacks each message it is asked for.
      Message message = messages.apply(entry.getKey());
      if (message != null && message.status() == MessageStatus.SENT) {
        awaited.add(new AwaitedReport(message.sid(), message.to(),
            keys.stream().map(Key::carrierId).toList()));
      }
    }
    return Future.succeededFuture(awaited);
  }

  private void inOrder(CarrierReport report) {
    CarrierReport last = keptInOrder.peekLast();
    if (last == null || !report.receivedAt().isBefore(last.receivedAt())) {
      keptInOrder.addLast(report);
    } else {
      keptOutOfOrder.add(report);
    }
  }

  @Override
  public synchronized Future<Integer> forgetReports(Instant cutoff) {
    return Future.succeededFuture(
        forgetBefore(keptInOrder, cutoff) + forgetBefore(keptOutOfOrder, cutoff));
  }

  /** Forgets the reports at the front of {@code oldestFirst} received before the cutoff. */
  private int forgetBefore(Queue<CarrierReport> oldestFirst, Instant cutoff) {
    int forgotten = 0;
    for (CarrierReport oldest = oldestFirst.peek();
        oldest != null && oldest.receivedAt().isBefore(cutoff);
        oldest = oldestFirst.peek()) {
      oldestFirst.remove();
      Key key = new Key(oldest.connection(), oldest.carrierId());
      // Only if it is still the report kept for its id: a later one has an entry of its own.
      if (reports.remove(key, oldest)) {
        unmatched.remove(key);
        forgotten++;
      }
    }
    return forgotten;
  }
}
