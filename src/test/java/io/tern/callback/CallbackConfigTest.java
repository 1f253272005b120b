package io.tern.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.config.ConfigLoader;
import io.tern.config.TernConfig;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallbackConfigTest {

  @Test
  void defaultsRetryForADayWithinTwilioLikeTimeouts() {
    CallbackOptions callbacks = ConfigLoader.bind(new JsonObject(), Map.of()).callbacks();

    assertThat(callbacks).isEqualTo(new CallbackOptions(1000, 100, 64, 15_000, 1000, 600_000, 24));
  }

  @Test
  void everyKeyHasItsEnvironmentVariable() {
    CallbackOptions callbacks = ConfigLoader.bind(new JsonObject(), Map.of(
        "TERN_CALLBACKS_POLL_MILLIS", "250",
        "TERN_CALLBACKS_BATCH_SIZE", "20",
        "TERN_CALLBACKS_MAX_CONNECTIONS_PER_HOST", "2",
        "TERN_CALLBACKS_TIMEOUT_MILLIS", "3000",
        "TERN_CALLBACKS_INITIAL_BACKOFF_MILLIS", "100",
        "TERN_CALLBACKS_MAX_BACKOFF_MILLIS", "5000",
        "TERN_CALLBACKS_DEADLINE_HOURS", "72")).callbacks();

    assertThat(callbacks).isEqualTo(new CallbackOptions(250, 20, 2, 3000, 100, 5000, 72));
  }

  @Test
  void aBackoffThatCannotGrowIsRefused() {
    assertThatThrownBy(() -> ConfigLoader.bind(new JsonObject(), Map.of(
        "TERN_CALLBACKS_INITIAL_BACKOFF_MILLIS", "10000",
        "TERN_CALLBACKS_MAX_BACKOFF_MILLIS", "5000")))
        .hasMessageContaining("callbacks.initialBackoffMillis");
    assertThatThrownBy(() -> ConfigLoader.bind(new JsonObject(), Map.of(
        "TERN_CALLBACKS_MAX_CONNECTIONS_PER_HOST", "0")))
        .hasMessageContaining("callbacks.maxConnectionsPerHost");
  }
}
