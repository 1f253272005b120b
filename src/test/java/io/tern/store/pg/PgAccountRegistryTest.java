package io.tern.store.pg;

import io.tern.store.AccountRegistry;
import io.tern.store.AccountRegistryContractTest;
import org.junit.jupiter.api.extension.RegisterExtension;

class PgAccountRegistryTest extends AccountRegistryContractTest {

  @RegisterExtension
  static final PgSchema DATABASE = new PgSchema("accounts");

  @Override
  protected AccountRegistry registry() {
    return DATABASE.stores().accountRegistry();
  }
}
