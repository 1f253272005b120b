package io.tern.store.memory;

import io.tern.store.AccountRegistry;
import io.tern.store.AccountRegistryContractTest;

class InMemoryAccountRegistryTest extends AccountRegistryContractTest {

  private final InMemoryAccountRegistry registry = new InMemoryAccountRegistry();

  @Override
  protected AccountRegistry registry() {
    return registry;
  }
}
