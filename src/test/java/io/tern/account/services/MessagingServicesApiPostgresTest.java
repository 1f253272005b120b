package io.tern.account.services;

import io.tern.Gateway;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The Messaging Services API on PostgreSQL, in a schema of its own. */
class MessagingServicesApiPostgresTest extends MessagingServicesApiContract {
  @Override
  protected Future<Gateway> startGateway(Vertx vertx) {
    return TestGateway.onPostgres(vertx, "services_api");
  }
}
