package io.tern.carrier;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the carrier connector the {@code carrier} configuration block names. Adding a connector
 * (SMPP, HTTP upstream) is one entry in {@link #FACTORIES} and its own block beside
 * {@code simulated}.
 */
public final class CarrierConnectors {
  public static final String SIMULATED = "simulated";

  private interface Factory {
    CarrierConnector create(Vertx vertx, JsonObject carrierConfig, SubmissionLog log);
  }

  private static final Map<String, Factory> FACTORIES = Map.of(
      SIMULATED, (vertx, config, log) -> {
        SimulatedCarrierOptions options =
            SimulatedCarrierOptions.fromJson(config.getJsonObject(SIMULATED));
        return new SimulatedCarrier(vertx, log == null ? options : options.withLog(log));
      });

  private CarrierConnectors() {}

  /** The connector {@code carrierConfig.type} names; a missing type is the simulated carrier. */
  public static CarrierConnector create(Vertx vertx, JsonObject carrierConfig) {
    return create(vertx, carrierConfig, null);
  }

  /**
   * As {@link #create(Vertx, JsonObject)}, with the log a simulated carrier records into (so a
   * test can read it, or hand it to the gateway that replaces this one). Other connectors
   * ignore it; null gives the carrier a log of its own.
   */
  public static CarrierConnector create(Vertx vertx, JsonObject carrierConfig, SubmissionLog log) {
    JsonObject config = carrierConfig == null ? new JsonObject() : carrierConfig;
    return factoryFor(config.getString("type", SIMULATED)).create(vertx, config, log);
  }

  /** Fails at start-up, before anything is deployed, when the configured type is unknown. */
  public static void requireKnownType(JsonObject carrierConfig) {
    factoryFor(carrierConfig == null ? SIMULATED : carrierConfig.getString("type", SIMULATED));
  }

  public static Set<String> knownTypes() {
    return new TreeSet<>(FACTORIES.keySet());
  }

  /** The price table of a {@code carrier} block ({@code carrier.prices}); unpriced when absent. */
  public static PriceTable prices(JsonObject carrierConfig) {
    return PriceTable.fromJson(carrierConfig == null ? null : carrierConfig.getJsonObject("prices"));
  }

  /** The whole default {@code carrier} block, for the configuration's built-in defaults. */
  public static JsonObject defaultConfig() {
    return new JsonObject()
        .put("type", SIMULATED)
        .put(SIMULATED, SimulatedCarrierOptions.defaults().toJson())
        .put("prices", PriceTable.unpriced().toJson());
  }

  private static Factory factoryFor(String type) {
    Factory factory = FACTORIES.get(type == null ? SIMULATED : type.trim());
    if (factory == null) {
      throw new IllegalArgumentException("Invalid configuration: carrier.type '" + type
          + "' is not a known carrier; known types: " + String.join(", ", knownTypes()));
    }
    return factory;
  }
}
