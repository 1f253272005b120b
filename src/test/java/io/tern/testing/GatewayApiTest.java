package io.tern.testing;

import io.tern.Gateway;
import io.tern.store.Account;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An API test class against one real gateway, started before its tests and stopped after them.
 * Subclasses say which store it runs on ({@link #startGateway}) and may prepare it
 * ({@link #prepare}); the tests talk to it as the main account through {@link #api}.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class GatewayApiTest {
  protected Gateway gateway;
  protected Account main;
  protected WebClient web;
  protected ApiClient api;

  /** The gateway under test, on the store the subclass covers. */
  protected abstract Future<Gateway> startGateway(Vertx vertx);

  /** Set-up once the gateway runs (registering senders, say); nothing by default. */
  protected Future<?> prepare() {
    return Future.succeededFuture();
  }

  @BeforeAll
  void startGatewayForTheClass(Vertx vertx, VertxTestContext testContext) {
    startGateway(vertx)
        .compose(started -> {
          gateway = started;
          main = started.mainAccount();
          web = WebClient.create(vertx);
          api = ApiClient.as(web, started, main);
          return prepare();
        })
        .onComplete(testContext.succeedingThenComplete());
  }

  @AfterAll
  void stopGatewayAfterTheClass(VertxTestContext testContext) {
    gateway.stop().onComplete(testContext.succeedingThenComplete());
  }
}
