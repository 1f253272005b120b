package io.tern.store.pg;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's own schema in the test database, with the stores opened on it before the
 * class and the schema dropped after it. Register it as a static field:
 * {@code @RegisterExtension static final PgSchema DATABASE = new PgSchema("accounts");}
 */
final class PgSchema implements BeforeAllCallback, AfterAllCallback {
  private final String name;
  private Vertx vertx;
  private PgStores stores;

  PgSchema(String purpose) {
    this.name = PgTestDatabase.uniqueSchema(purpose);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    vertx = Vertx.vertx();
    stores = PgTestDatabase.open(vertx, name);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    PgTestDatabase.await(stores.close());
    PgTestDatabase.await(vertx.close());
    PgTestDatabase.dropSchema(name);
  }

  String name() {
    return name;
  }

  Vertx vertx() {
    return vertx;
  }

  PgStores stores() {
    return stores;
  }
}
