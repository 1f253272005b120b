package io.tern.callback;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioSignatureTest {
  // The vectors Twilio publishes in its SDKs' tests (reference §7.2).
  private static final String TOKEN = "12345";
  private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
  private static final Map<String, String> CALL = Map.of(
      "CallSid", "CA1234567890ABCDE",
      "Caller", "+14158675309",
      "Digits", "1234",
      "From", "+14158675309",
      "To", "+18005551212");

  @Test
  void matchesTwilioPublishedVector() {
    assertThat(TwilioSignature.of(TOKEN, URL, CALL)).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
  }

  @Test
  void theOrderParametersArriveInDoesNotMatter() {
    Map<String, String> reversed = new LinkedHashMap<>();
    List.of("To", "From", "Digits", "Caller", "CallSid").forEach(name -> reversed.put(name, CALL.get(name)));

    assertThat(TwilioSignature.of(TOKEN, URL, reversed)).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
  }

  @Test
  void repeatedNamesFollowPythonAndNodeValidators() {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("Sid", List.of("CA123"));
    params.put("SidAccount", List.of("AC123"));
    params.put("Digits", List.of("5678", "1234", "1234"));

    assertThat(TwilioSignature.ofRepeated(TOKEN, URL, params)).isEqualTo("IK+Dwps556ElfBT0I3Rgjkr1wJU=");
  }

  @Test
  void namesSortCaseSensitivelyAsJavaStringsDo() {
    // "Zebra" < "apple" in plain string order; a case-insensitive sort would sign
    // ".../cbapple1Zebra2", which Twilio's validator (Collections.sort) refuses.
    Map<String, String> params = Map.of("apple", "1", "Zebra", "2");
    String signature = TwilioSignature.of("token", "https://example.com/cb", params);

    assertThat(new RequestValidator("token").validate("https://example.com/cb", params, signature)).isTrue();
  }

  @Test
  void theOfficialJavaValidatorAcceptsWhatIsSigned() {
    Map<String, String> callback = Map.of(
        "MessageSid", "SM0123456789abcdef0123456789abcdef",
        "SmsSid", "SM0123456789abcdef0123456789abcdef",
        "MessageStatus", "delivered", "SmsStatus", "delivered",
        "AccountSid", "AC0123456789abcdef0123456789abcdef",
        "From", "+14155550100", "To", "+14155550123", "ApiVersion", "2010-04-01",
        "RawDlrDoneDate", "2405011200");
    String url = "https://app.example.com/status?customer=42&x=a%20b";
    String signature = TwilioSignature.of("0123456789abcdef0123456789abcdef", url, callback);

    RequestValidator validator = new RequestValidator("0123456789abcdef0123456789abcdef");
    assertThat(validator.validate(url, callback, signature)).isTrue();
    assertThat(validator.validate("https://app.example.com:443/status?customer=42&x=a%20b", callback, signature))
        .as("a receiver that sees the default port").isTrue();
    assertThat(new RequestValidator("another-token").validate(url, callback, signature)).isFalse();
  }
}
