package io.tern.store.pg;

import io.tern.store.AccountRegistry;
import io.tern.store.InboundStore;
import io.tern.store.InboundStoresContractTest;
import io.tern.store.MessageStore;
import io.tern.store.OptOuts;
import org.junit.jupiter.api.extension.RegisterExtension;

class PgInboundStoresTest extends InboundStoresContractTest {

  @RegisterExtension
  static final PgSchema DATABASE = new PgSchema("inbound");

  @Override
  protected AccountRegistry accounts() {
    return DATABASE.stores().accountRegistry();
  }

  @Override
  protected MessageStore messages() {
    return DATABASE.stores().messageStore();
  }

  @Override
  protected InboundStore inbound() {
    return DATABASE.stores().inboundStore();
  }

  @Override
  protected OptOuts optOuts() {
    return DATABASE.stores().optOuts();
  }
}
