package io.tern.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * What one pod does with the throttle shards at one check: pure, so the sharing rule is tested
 * without a cluster. Each pod's fair share is the shards divided by the members, rounded up, so
 * the shares always cover every shard. A pod over its share (members joined) hands back its
 * surplus; a pod under it tries the shards nobody holds, in order, until it has its share (the
 * store's lock decides when two pods try the same shard at once).
 *
 * @param release shards to hand back, highest first
 * @param candidates free shards to try, in order
 * @param wanted how many of the candidates to take at most
 */
public record OwnershipPlan(List<Integer> release, List<Integer> candidates, int wanted) {

  /**
   * @param shards the number of throttle shards
   * @param members pods in the cluster as this pod sees it (at least itself)
   * @param owned shards this pod holds
   * @param heldElsewhere shards other pods hold
   */
  public static OwnershipPlan of(int shards, int members, Set<Integer> owned, Set<Integer> heldElsewhere) {
    int share = fairShare(shards, members);
    if (owned.size() > share) {
      List<Integer> surplus = owned.stream()
          .sorted(Comparator.reverseOrder())
          .limit(owned.size() - share)
          .toList();
      return new OwnershipPlan(surplus, List.of(), 0);
    }
    List<Integer> free = new ArrayList<>();
    IntStream.range(0, shards)
        .filter(shard -> !owned.contains(shard) && !heldElsewhere.contains(shard))
        .forEach(free::add);
    return new OwnershipPlan(List.of(), List.copyOf(free), Math.min(share - owned.size(), free.size()));
  }

  /** Shards per member, rounded up: {@code members} pods with this many each hold every shard. */
  public static int fairShare(int shards, int members) {
    int pods = Math.max(1, members);
    return (shards + pods - 1) / pods;
  }
}
