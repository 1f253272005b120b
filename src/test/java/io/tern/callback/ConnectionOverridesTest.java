package io.tern.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.callback.ConnectionOverrides.RetryOn;
import org.junit.jupiter.api.Test;

class ConnectionOverridesTest {

  @Test
  void aUrlWithoutFragmentKeepsEveryDefault() {
    assertThat(ConnectionOverrides.of("https://app.example.com/status?x=1"))
        .isEqualTo(ConnectionOverrides.NONE);
    assertThat(ConnectionOverrides.NONE.hasRetryPolicy()).isFalse();
  }

  @Test
  void theFragmentSetsTimeoutsAndRetries() {
    ConnectionOverrides overrides = ConnectionOverrides.of(
        "https://app.example.com/status#ct=1000&rt=2500&tt=4000&rc=3&rp=4xx,ct");

    assertThat(overrides.connectTimeoutMillis()).isEqualTo(1000);
    assertThat(overrides.readTimeoutMillis()).isEqualTo(2500);
    assertThat(overrides.totalTimeoutMillis()).isEqualTo(4000);
    assertThat(overrides.retryCount()).isEqualTo(3);
    assertThat(overrides.retryPolicy()).containsExactlyInAnyOrder(RetryOn.HTTP_4XX, RetryOn.CONNECT);
  }

  @Test
  void allMeansEveryKindOfFailure() {
    assertThat(ConnectionOverrides.of("https://a.example/#rp=all").retryPolicy())
        .containsExactlyInAnyOrder(RetryOn.values());
    assertThat(ConnectionOverrides.of("https://a.example/#rp=5xx%2Crt").retryPolicy())
        .as("an encoded comma").containsExactlyInAnyOrder(RetryOn.HTTP_5XX, RetryOn.READ);
  }

  @Test
  void unknownKeysAndInvalidValuesAreIgnored() {
    ConnectionOverrides overrides = ConnectionOverrides.of(
        "https://a.example/cb#e=ashburn&sni=y&ct=abc&rt=-5&tt=999999&rc=-1&rp=never&bare");

    assertThat(overrides).isEqualTo(ConnectionOverrides.NONE);
  }

  @Test
  void rcZeroMeansOneAttemptOnly() {
    assertThat(ConnectionOverrides.of("https://a.example/cb#rc=0").retryCount()).isZero();
  }

  @Test
  void theFragmentIsNeitherRequestedNorSigned() {
    assertThat(ConnectionOverrides.withoutFragment("https://a.example/cb?q=1#rc=1&rp=5xx"))
        .isEqualTo("https://a.example/cb?q=1");
    assertThat(ConnectionOverrides.withoutFragment("https://a.example/cb?q=1"))
        .isEqualTo("https://a.example/cb?q=1");
  }
}
