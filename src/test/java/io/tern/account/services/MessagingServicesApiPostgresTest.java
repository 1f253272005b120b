package io.tern.account.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Gateway;
import io.tern.store.pg.PgMessageStore;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

/** The Messaging Services API on PostgreSQL, in a schema of its own. */
class MessagingServicesApiPostgresTest extends MessagingServicesApiContract {
  @Override
  protected Future<Gateway> startGateway(Vertx vertx) {
    return TestGateway.onPostgres(vertx, "services_api");
  }

  /** The suite above runs on the store this class stands for. */
  @Test
  void runsOnPostgres() {
    assertThat(gateway.components().messages()).isInstanceOf(PgMessageStore.class);
  }
}
