package io.tern.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class StoreFailuresTest {

  @Test
  void aRefusedConnectionDeepInTheChainIsAnOutage() {
    Throwable failure = new RuntimeException("insert failed",
        new IllegalStateException("pool", new ConnectException("Connection refused")));

    assertThat(StoreFailures.isUnavailable(failure)).isTrue();
    assertThat(StoreFailures.isRejected(failure)).isFalse();
  }

  @Test
  void aConstraintViolationIsARefusalNotAnOutage() {
    Throwable failure = new PgException("duplicate key", "ERROR", "23505", "detail");

    assertThat(StoreFailures.isUnavailable(failure)).isFalse();
    assertThat(StoreFailures.isRejected(failure)).isTrue();
  }

  @Test
  void aTerminatedBackendIsAnOutage() {
    assertThat(StoreFailures.isUnavailable(
        new PgException("terminating connection", "FATAL", "57P01", null))).isTrue();
  }

  @Test
  void aCycleOfCausesEndsTheSearch() {
    RuntimeException first = new RuntimeException("first");
    RuntimeException second = new RuntimeException("second", first);
    first.initCause(second);

    assertThat(StoreFailures.isUnavailable(first)).isFalse();
    assertThat(StoreFailures.isRejected(first)).isFalse();
  }
}
