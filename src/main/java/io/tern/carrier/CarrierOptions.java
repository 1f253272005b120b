package io.tern.carrier;

import io.tern.carrier.smpp.SmppOptions;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The {@code carrier} section: which connector hands messages on, each connector's own block,
 * and the price table.
 *
 * <p>A connector's options live in its own package and are registered here, in this one
 * record: a component, its block in {@link #defaults()}, its reader in {@link #fromJson}, and
 * any key inside it whose sub-keys are free (a map) in {@link #FREE_FORM_KEYS}. The
 * configuration loader learns every key of the section from {@link #defaults()}, so a
 * registered block is checked (unknown keys, types) and overridable from {@code TERN_CARRIER_*}
 * without further work.
 *
 * @param type the connector {@link CarrierConnectors} builds
 * @param reports how delivery reports wait for their message ({@code carrier.reports})
 */
public record CarrierOptions(
    String type, SimulatedCarrierOptions simulated, SmppOptions smpp, ReportKeeping reports,
    PriceTable prices) {

  /** Keys (relative to {@code carrier}) whose children are data, not option names. */
  public static final Set<String> FREE_FORM_KEYS =
      Set.of("simulated.outcomes", "smpp.errorMap", "prices.perSegmentByCountry");

  public CarrierOptions {
    type = type == null || type.isBlank() ? CarrierConnectors.SIMULATED : type.trim();
    CarrierConnectors.requireKnownType(type);
  }

  public static CarrierOptions defaultOptions() {
    return new CarrierOptions(CarrierConnectors.SIMULATED, SimulatedCarrierOptions.defaults(),
        SmppOptions.defaults(), ReportKeeping.defaults(), PriceTable.unpriced());
  }

  /** The whole default {@code carrier} block, as {@code conf/tern.yaml} states it. */
  public static JsonObject defaults() {
    return new JsonObject()
        .put("type", CarrierConnectors.SIMULATED)
        .put("simulated", SimulatedCarrierOptions.defaults().toJson())
        .put("smpp", SmppOptions.defaults().toJson())
        .put("reports", ReportKeeping.defaults().toJson())
        .put("prices", PriceTable.unpriced().toJson());
  }

  /** Reads a {@code carrier} block; a missing block or key keeps its default. */
  public static CarrierOptions fromJson(JsonObject carrier) {
    JsonObject json = carrier == null ? new JsonObject() : carrier;
    return new CarrierOptions(
        json.getString("type", CarrierConnectors.SIMULATED),
        SimulatedCarrierOptions.fromJson(json.getJsonObject("simulated")),
        SmppOptions.from(json.getJsonObject("smpp")),
        ReportKeeping.fromJson(json.getJsonObject("reports")),
        PriceTable.fromJson(json.getJsonObject("prices")));
  }

  /** The simulated carrier's options recording into the given log (tests share one). */
  public CarrierOptions withSimulatedLog(SubmissionLog log) {
    return new CarrierOptions(type, simulated.withLog(log), smpp, reports, prices);
  }
}
