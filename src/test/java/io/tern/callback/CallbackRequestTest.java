package io.tern.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import io.tern.message.MessageStatus;
import io.tern.store.PendingCallback;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallbackRequestTest {
  private static final String TOKEN = "0123456789abcdef0123456789abcdef";
  private static final Map<String, String> PARAMS = Map.of(
      "MessageSid", "SM0123456789abcdef0123456789abcdef", "MessageStatus", "sent",
      "From", "+14155550100", "To", "+14155550123");

  private static PendingCallback to(String url) {
    return new PendingCallback(1, "SM0123456789abcdef0123456789abcdef",
        "AC0123456789abcdef0123456789abcdef", url, MessageStatus.SENT, 1, PARAMS,
        "idem-token", 0, java.time.Instant.EPOCH, java.time.Instant.EPOCH);
  }

  @Test
  void theBodyIsFormEncodedInNameOrder() throws Exception {
    CallbackRequest request = CallbackRequest.of(to("https://app.example.com/status"), TOKEN);

    assertThat(request.body()).isEqualTo("From=%2B14155550100&MessageSid=SM0123456789abcdef0123456789abcdef"
        + "&MessageStatus=sent&To=%2B14155550123");
    assertThat(request.idempotencyToken()).isEqualTo("idem-token");
    assertThat(request.authorization()).isNull();
  }

  @Test
  void theFragmentIsReadButNotRequestedOrSigned() throws Exception {
    CallbackRequest request = CallbackRequest.of(
        to("https://app.example.com/status?shop=7#rc=2&rp=5xx"), TOKEN);

    assertThat(request.target().toString()).isEqualTo("https://app.example.com/status?shop=7");
    assertThat(request.overrides().retryCount()).isEqualTo(2);
    assertThat(new RequestValidator(TOKEN).validate("https://app.example.com/status?shop=7", PARAMS,
        request.signature())).isTrue();
  }

  @Test
  void credentialsInTheUrlBecomeBasicAuthAndStayOutOfTheSignature() throws Exception {
    CallbackRequest request = CallbackRequest.of(
        to("https://shop:p%40ss@app.example.com:8443/status#ct=500"), TOKEN);

    assertThat(request.target().toString()).isEqualTo("https://app.example.com:8443/status");
    assertThat(request.authorization()).isEqualTo("Basic "
        + Base64.getEncoder().encodeToString("shop:p@ss".getBytes(StandardCharsets.UTF_8)));
    assertThat(new RequestValidator(TOKEN).validate("https://app.example.com:8443/status", PARAMS,
        request.signature())).isTrue();
    assertThat(request.toString()).doesNotContain(request.signature()).doesNotContain("p@ss");
  }

  @Test
  void connectionsAreCountedPerSchemeHostAndPort() throws Exception {
    assertThat(CallbackRequest.of(to("https://App.Example.com/a"), TOKEN).hostKey())
        .isEqualTo("https://app.example.com:443");
    assertThat(CallbackRequest.of(to("http://app.example.com/b?x=1"), TOKEN).hostKey())
        .isEqualTo("http://app.example.com:80");
    assertThat(CallbackRequest.of(to("http://[::1]:8080/c"), TOKEN).hostKey())
        .isEqualTo("http://[::1]:8080");
  }
}
