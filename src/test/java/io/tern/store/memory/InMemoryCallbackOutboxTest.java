package io.tern.store.memory;

import io.tern.store.AccountRegistry;
import io.tern.store.MessageStore;
import io.tern.store.CallbackOutboxContractTest;

class InMemoryCallbackOutboxTest extends CallbackOutboxContractTest {

  private final InMemoryAccountRegistry accounts = new InMemoryAccountRegistry();
  private final InMemoryMessageStore store = new InMemoryMessageStore(accounts);

  @Override
  protected MessageStore store() {
    return store;
  }

  @Override
  protected AccountRegistry accounts() {
    return accounts;
  }
}
