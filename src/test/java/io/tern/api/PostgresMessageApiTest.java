package io.tern.api;

import io.tern.Gateway;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

class PostgresMessageApiTest extends MessageApiTest {
  @Override
  protected Future<Gateway> startGateway(Vertx vertx) {
    return TestGateway.onPostgres(vertx, "message_api");
  }
}
