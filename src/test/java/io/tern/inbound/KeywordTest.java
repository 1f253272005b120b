package io.tern.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeywordTest {

  @ParameterizedTest
  @CsvSource({
      "STOP, STOP", "stop, STOP", " Stop , STOP", "STOPALL, STOP", "unsubscribe, STOP",
      "CANCEL, STOP", "end, STOP", "QUIT, STOP", "revoke, STOP", "OptOut, STOP",
      "START, START", "yes, START", "Unstop, START", "HELP, HELP", "info, HELP"})
  void singleWordsInAnyCaseAreKeywords(String body, Keyword keyword) {
    assertThat(Keyword.of(body)).contains(keyword);
  }

  @ParameterizedTest
  @ValueSource(strings = {"STOP PLEASE", "please stop", "STOP!", "", "hello", "stopp"})
  void anythingElseIsNot(String body) {
    assertThat(Keyword.of(body)).isEmpty();
  }
}
