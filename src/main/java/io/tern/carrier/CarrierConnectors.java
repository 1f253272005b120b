package io.tern.carrier;

import io.tern.carrier.smpp.SmppConnector;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the carrier connector {@code carrier.type} names. Adding a connector (SMPP, HTTP
 * upstream) is one entry in {@link #FACTORIES} and its options registered in
 * {@link CarrierOptions}.
 */
public final class CarrierConnectors {
  public static final String SIMULATED = "simulated";

  private interface Factory {
    CarrierConnector create(Vertx vertx, CarrierOptions options);
  }

  private static final Map<String, Factory> FACTORIES = Map.of(
      SIMULATED, (vertx, options) -> new SimulatedCarrier(vertx, options.simulated()),
      SmppConnector.NAME, (vertx, options) -> new SmppConnector(vertx, options.smpp().requireConnectable()));

  private CarrierConnectors() {}

  /** The connector {@code options.type()} names. */
  public static CarrierConnector create(Vertx vertx, CarrierOptions options) {
    return factoryFor(options.type()).create(vertx, options);
  }

  /** Fails at start-up, before anything is deployed, when the configured type is unknown. */
  static void requireKnownType(String type) {
    factoryFor(type);
  }

  public static Set<String> knownTypes() {
    return new TreeSet<>(FACTORIES.keySet());
  }

  private static Factory factoryFor(String type) {
    Factory factory = FACTORIES.get(type);
    if (factory == null) {
      throw new IllegalArgumentException("Invalid configuration: carrier.type '" + type
          + "' is not a known carrier; known types: " + String.join(", ", knownTypes()));
    }
    return factory;
  }
}
