package io.tern.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.message.Sids;
import io.tern.store.Account;
import io.vertx.core.MultiMap;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CreateMessageRequestTest {
  private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
  private static final Account ACCOUNT = new Account(Sids.generate(Sids.ACCOUNT), Sids.token(),
      "Main", null, Account.Status.ACTIVE, Account.Type.FULL, T0, T0);

  @Test
  void aFormWithoutMediaUrlGivesNoMedia() {
    CreateMessageRequest request = CreateMessageRequest.fromForm(ACCOUNT,
        form().add("To", "+14155550123").add("Body", "hi"));

    assertThat(request.mediaUrls()).isEmpty();
    assertThat(request.hasMedia()).isFalse();
  }

  @Test
  void repeatedMediaUrlsComeInOrderWithoutTheBlankOnes() {
    CreateMessageRequest request = CreateMessageRequest.fromForm(ACCOUNT, form()
        .add("MediaUrl", "https://media.example.com/1.png")
        .add("MediaUrl", " ")
        .add("MediaUrl", "https://media.example.com/2.png")
        .add("MediaUrl", ""));

    assertThat(request.mediaUrls())
        .containsExactly("https://media.example.com/1.png", "https://media.example.com/2.png");
    assertThat(request.hasMedia()).isTrue();
    assertThatThrownBy(() -> request.mediaUrls().add("https://elsewhere.example.com/3.png"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void onlyBlankMediaUrlsAreNoMedia() {
    CreateMessageRequest request = CreateMessageRequest.fromForm(ACCOUNT,
        form().add("MediaUrl", "  ").add("MediaUrl", ""));

    assertThat(request.hasMedia()).isFalse();
  }

  private static MultiMap form() {
    return MultiMap.caseInsensitiveMultiMap();
  }
}
