package io.tern.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OwnershipPlanTest {

  @Test
  void aLonePodTakesEveryShard() {
    OwnershipPlan plan = OwnershipPlan.of(8, 1, Set.of(), Set.of());

    assertThat(plan.release()).isEmpty();
    assertThat(plan.candidates()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    assertThat(plan.wanted()).isEqualTo(8);
  }

  @Test
  void aPodHandsBackItsSurplusWhenAMemberJoins() {
    OwnershipPlan plan = OwnershipPlan.of(8, 2, Set.of(0, 1, 2, 3, 4, 5, 6, 7), Set.of());

    assertThat(plan.release()).containsExactly(7, 6, 5, 4);
    assertThat(plan.wanted()).isZero();
  }

  @Test
  void aNewPodTriesOnlyShardsNobodyHolds() {
    OwnershipPlan plan = OwnershipPlan.of(8, 2, Set.of(), Set.of(0, 1, 2, 3, 6));

    assertThat(plan.release()).isEmpty();
    assertThat(plan.candidates()).containsExactly(4, 5, 7);
    assertThat(plan.wanted()).isEqualTo(3);
  }

  @Test
  void aPodAtItsShareTakesNothingMore() {
    OwnershipPlan plan = OwnershipPlan.of(8, 2, Set.of(4, 5, 6, 7), Set.of(0));

    assertThat(plan.release()).isEmpty();
    assertThat(plan.wanted()).isZero();
  }

  @Test
  void sharesRoundUpSoThreePodsCoverEightShards() {
    assertThat(OwnershipPlan.fairShare(8, 3)).isEqualTo(3);
    assertThat(OwnershipPlan.fairShare(8, 8)).isEqualTo(1);
    assertThat(OwnershipPlan.fairShare(8, 20)).isEqualTo(1);
    assertThat(OwnershipPlan.fairShare(8, 0)).isEqualTo(8);
  }

  @Test
  void podsFollowingThePlanInTurnEndWithEveryShardOwnedOnceAndBalanced() {
    // Three pods check one after the other, as their timers fire; a fourth joins, then one dies.
    List<Set<Integer>> pods = List.of(new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>());
    settle(pods.subList(0, 3), 8);
    assertOwnedOnceAndBalanced(pods.subList(0, 3), 8, 3);

    settle(pods, 8);
    assertOwnedOnceAndBalanced(pods, 8, 2);

    pods.get(1).clear();
    List<Set<Integer>> survivors = List.of(pods.get(0), pods.get(2), pods.get(3));
    settle(survivors, 8);
    assertOwnedOnceAndBalanced(survivors, 8, 3);
  }

  /** Rounds of checks, each pod in turn, until nothing changes. */
  private static void settle(List<Set<Integer>> pods, int shards) {
    for (int round = 0; round < 10; round++) {
      for (Set<Integer> pod : pods) {
        Set<Integer> elsewhere = new HashSet<>();
        pods.stream().filter(other -> other != pod).forEach(elsewhere::addAll);
        OwnershipPlan plan = OwnershipPlan.of(shards, pods.size(), Set.copyOf(pod), elsewhere);
        plan.release().forEach(pod::remove);
        plan.candidates().stream().limit(plan.wanted()).forEach(pod::add);
      }
    }
  }

  private static void assertOwnedOnceAndBalanced(List<Set<Integer>> pods, int shards, int share) {
    List<Integer> all = pods.stream().flatMap(Set::stream).sorted().toList();
    assertThat(all).hasSize(shards).doesNotHaveDuplicates();
    pods.forEach(pod -> assertThat(pod.size()).isLessThanOrEqualTo(share));
  }
}
