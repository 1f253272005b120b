package io.tern.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlphaSenderIdTest {

  @ParameterizedTest
  @ValueSource(strings = {"Tern", "ACME Co", "A", "Shop+Go", "Ben&Jerry", "my_shop-1", "ABCDEFGHIJK"})
  void acceptsOneToElevenAllowedCharactersWithALetter(String id) {
    assertThat(AlphaSenderId.isValid(id)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "12345", "ABCDEFGHIJKL", "Shop!", "Café", "a.b"})
  void refusesTheRest(String id) {
    assertThat(AlphaSenderId.isValid(id)).isFalse();
  }
}
