package io.tern.store.pg;

import io.tern.store.CarrierIds;
import io.tern.store.CarrierIdsContractTest;
import io.tern.store.MessageStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class PgCarrierIdsTest extends CarrierIdsContractTest {

  @RegisterExtension
  static final PgSchema DATABASE = new PgSchema("carrier_ids");

  @Override
  protected MessageStore store() {
    return DATABASE.stores().messageStore();
  }

  @Override
  protected CarrierIds carrierIds() {
    return DATABASE.stores().carrierIds();
  }
}
