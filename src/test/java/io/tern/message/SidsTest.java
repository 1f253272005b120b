package io.tern.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SidsTest {

  @Test
  void aSidIsItsPrefixAndThirtyTwoLowercaseHexDigits() {
    String sid = Sids.generate(Sids.MESSAGE);

    assertThat(sid).matches("SM[0-9a-f]{32}");
    assertThat(Sids.isSid(sid, Sids.MESSAGE)).isTrue();
    assertThat(Sids.isSid(sid, Sids.MEDIA)).isFalse();
  }

  @Test
  void sidsOfALaterMillisecondSortAfterEarlierOnes() {
    long millis = 1_796_000_000_000L;

    String earlier = Sids.generate(Sids.MESSAGE, millis);
    String later = Sids.generate(Sids.MESSAGE, millis + 1);

    assertThat(later).isGreaterThan(earlier);
    assertThat(earlier.substring(2, 14)).isEqualTo(String.format("%012x", millis));
  }

  @Test
  void sidsOfOneMillisecondStillDiffer() {
    Set<String> sids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      sids.add(Sids.generate(Sids.MESSAGE, 1_796_000_000_000L));
    }

    assertThat(sids).hasSize(10_000);
  }

  @Test
  void everyRandomDigitTakesEveryHexValue() {
    List<Set<Character>> seen = new ArrayList<>();
    for (int position = 0; position < 20; position++) {
      seen.add(new HashSet<>());
    }
    for (int i = 0; i < 10_000; i++) {
      String random = Sids.generate(Sids.MESSAGE, 1_796_000_000_000L).substring(14);
      for (int position = 0; position < seen.size(); position++) {
        seen.get(position).add(random.charAt(position));
      }
    }

    for (Set<Character> digits : seen) {
      assertThat(digits).hasSize(16);
    }
  }
}
