package io.tern.store.memory;

import io.tern.store.CarrierIds;
import io.tern.store.CarrierIdsContractTest;
import io.tern.store.MessageStore;

class InMemoryCarrierIdsTest extends CarrierIdsContractTest {
  private final InMemoryMessageStore store = new InMemoryMessageStore(new InMemoryAccountRegistry());

  @Override
  protected MessageStore store() {
    return store;
  }

  @Override
  protected CarrierIds carrierIds() {
    return store.carrierIds();
  }
}
