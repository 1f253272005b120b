package io.tern.store.memory;

import io.tern.store.AccountRegistry;
import io.tern.store.InboundStore;
import io.tern.store.InboundStoresContractTest;
import io.tern.store.MessageStore;
import io.tern.store.OptOuts;

class InMemoryInboundStoresTest extends InboundStoresContractTest {
  private final InMemoryAccountRegistry registry = new InMemoryAccountRegistry();
  private final InMemoryMessageStore messages = new InMemoryMessageStore(registry);
  private final InMemoryInboundStore inbound = new InMemoryInboundStore(registry);
  private final InMemoryOptOuts optOuts = new InMemoryOptOuts(registry);

  @Override
  protected AccountRegistry accounts() {
    return registry;
  }

  @Override
  protected MessageStore messages() {
    return messages;
  }

  @Override
  protected InboundStore inbound() {
    return inbound;
  }

  @Override
  protected OptOuts optOuts() {
    return optOuts;
  }
}
