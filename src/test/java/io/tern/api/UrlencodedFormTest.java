package io.tern.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UrlencodedFormTest {

  @Test
  void readsWhatTheSdksSend() {
    MultiMap form = decode("To=%2B14155550123&From=%2B14155550100&Body=Hello+w%C3%B6rld+%F0%9F%91%8B");

    assertThat(form.get("To")).isEqualTo("+14155550123");
    assertThat(form.get("From")).isEqualTo("+14155550100");
    assertThat(form.get("Body")).isEqualTo("Hello wörld 👋");
  }

  @Test
  void keepsRepeatedFieldsInOrder() {
    MultiMap form = decode("MediaUrl=https%3A%2F%2Fa.example%2F1.png&Body=x&MediaUrl=https%3A%2F%2Fa.example%2F2.png");

    assertThat(form.getAll("MediaUrl"))
        .containsExactly("https://a.example/1.png", "https://a.example/2.png");
  }

  @Test
  void aValueRunsFromTheFirstEqualsSignToTheNextAmpersand() {
    MultiMap form = decode("StatusCallback=https://cb.example/?a=1=2&Body=");

    assertThat(form.get("StatusCallback")).isEqualTo("https://cb.example/?a=1=2");
    assertThat(form.contains("Body")).isTrue();
    assertThat(form.get("Body")).isEmpty();
  }

  @Test
  void aFieldWithoutEqualsSignHasTheEmptyValue() {
    MultiMap form = decode("ProvideFeedback&Body=hi&Flag");

    assertThat(form.get("ProvideFeedback")).isEmpty();
    assertThat(form.get("Flag")).isEmpty();
    assertThat(form.get("Body")).isEqualTo("hi");
  }

  @Test
  void fieldsWithoutANameAreSkipped() {
    MultiMap form = decode("&&=orphan&Body=hi&");

    assertThat(form.names()).containsExactly("Body");
  }

  @Test
  void namesLoseSurroundingWhitespaceAsNettysDo() {
    MultiMap form = decode("+Body%09=hi&%0ATo%0A=x");

    assertThat(form.get("Body")).isEqualTo("hi");
    assertThat(form.get("To")).isEqualTo("x");
  }

  @Test
  void aNulByteSurvivesForTheScreenToRefuse() {
    assertThat(decode("Body=a%00b").get("Body")).isEqualTo("a\0b");
  }

  @Test
  void aBrokenPercentEscapeIsRefused() {
    for (String body : new String[] {"Body=100%", "Body=%zz", "Body=%4", "%G1=x", "Body=a%2"}) {
      assertThatThrownBy(() -> decode(body)).as(body)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Malformed percent escape in the form body");
    }
  }

  @Test
  void anEmptyBodyHasNoFields() {
    assertThat(decode("").isEmpty()).isTrue();
  }

  private static MultiMap decode(String body) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    UrlencodedForm.decode(body.getBytes(StandardCharsets.ISO_8859_1), form);
    return form;
  }
}
