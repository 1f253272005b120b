package io.tern.store.pg;

import io.tern.store.AccountRegistry;
import io.tern.store.AccountRegistryContractTest;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PgAccountRegistryTest extends AccountRegistryContractTest {

  private static final String SCHEMA = PgTestDatabase.uniqueSchema("accounts");
  private static Vertx vertx;
  private static PgStores stores;

  @BeforeAll
  static void openStores() throws Exception {
    vertx = Vertx.vertx();
    stores = PgTestDatabase.open(vertx, SCHEMA);
  }

  @AfterAll
  static void dropSchema() throws Exception {
    PgTestDatabase.await(stores.close());
    PgTestDatabase.await(vertx.close());
    PgTestDatabase.dropSchema(SCHEMA);
  }

  @Override
  protected AccountRegistry registry() {
    return stores.accountRegistry();
  }
}
