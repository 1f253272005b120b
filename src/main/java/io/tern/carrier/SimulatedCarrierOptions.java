package io.tern.carrier;

import io.tern.message.DeliveryError;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the simulated carrier behaves: how long it takes to accept a message, how long until it
 * reports delivery, and which destinations end otherwise than delivered. Configured under
 * {@code carrier.simulated}.
 *
 * @param outcomes by destination (E.164); every other destination is delivered
 * @param log where the carrier records what it was sent; share one between carriers to see
 *     across a restart. Null: the carrier keeps a log of its own (so options read from the same
 *     configuration are equal)
 */
public record SimulatedCarrierOptions(
    long submitLatencyMillis,
    long deliveryReportDelayMillis,
    Map<String, Outcome> outcomes,
    SubmissionLog log) {

  public static final long DEFAULT_SUBMIT_LATENCY_MILLIS = 20;
  public static final long DEFAULT_DELIVERY_REPORT_DELAY_MILLIS = 500;

  /**
   * Destinations that fail on purpose, so applications can test their failure handling the way
   * Twilio's magic test numbers let them.
   */
  public static final Map<String, Outcome> SHIPPED_OUTCOMES = Map.of(
      "+15005559991", Outcome.undelivered(DeliveryError.UNREACHABLE_HANDSET),
      "+15005559992", Outcome.undelivered(DeliveryError.UNKNOWN_HANDSET),
      "+15005559993", Outcome.failedAtSubmit(DeliveryError.UNKNOWN_ERROR),
      "+15005559994", Outcome.undelivered(DeliveryError.LANDLINE_OR_UNREACHABLE_CARRIER));

  public SimulatedCarrierOptions {
    require(submitLatencyMillis >= 0, "carrier.simulated.submitLatencyMillis must not be negative");
    require(deliveryReportDelayMillis >= 0,
        "carrier.simulated.deliveryReportDelayMillis must not be negative");
    outcomes = Map.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
  }

  /** Twilio-like timing and the shipped outcomes; the carrier keeps its own log. */
  public static SimulatedCarrierOptions defaults() {
    return new SimulatedCarrierOptions(DEFAULT_SUBMIT_LATENCY_MILLIS,
        DEFAULT_DELIVERY_REPORT_DELAY_MILLIS, SHIPPED_OUTCOMES, null);
  }

  /**
   * Reads a {@code carrier.simulated} block. A missing key keeps its default; {@code outcomes},
   * when given, is the complete list (map a shipped number to {@code delivered} to neutralise it
   * when the block is merged over the defaults). No log: give one with {@link #withLog}.
   */
  public static SimulatedCarrierOptions fromJson(JsonObject simulated) {
    JsonObject json = simulated == null ? new JsonObject() : simulated;
    JsonObject outcomes = json.getJsonObject("outcomes");
    return new SimulatedCarrierOptions(
        longAt(json, "submitLatencyMillis", DEFAULT_SUBMIT_LATENCY_MILLIS),
        longAt(json, "deliveryReportDelayMillis", DEFAULT_DELIVERY_REPORT_DELAY_MILLIS),
        outcomes == null ? SHIPPED_OUTCOMES : outcomesFrom(outcomes),
        null);
  }

  /** The {@code carrier.simulated} block that {@link #fromJson} reads back into these options. */
  public JsonObject toJson() {
    JsonObject outcomesJson = new JsonObject();
    outcomes.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(entry -> outcomesJson.put(entry.getKey(), entry.getValue().toString()));
    return new JsonObject()
        .put("submitLatencyMillis", submitLatencyMillis)
        .put("deliveryReportDelayMillis", deliveryReportDelayMillis)
        .put("outcomes", outcomesJson);
  }

  /** What happens to a message for this destination. */
  public Outcome outcomeFor(String to) {
    return outcomes.getOrDefault(to, Outcome.delivered());
  }

  public SimulatedCarrierOptions withLog(SubmissionLog newLog) {
    return new SimulatedCarrierOptions(submitLatencyMillis, deliveryReportDelayMillis, outcomes, newLog);
  }

  public SimulatedCarrierOptions withSubmitLatencyMillis(long millis) {
    return new SimulatedCarrierOptions(millis, deliveryReportDelayMillis, outcomes, log);
  }

  public SimulatedCarrierOptions withDeliveryReportDelayMillis(long millis) {
    return new SimulatedCarrierOptions(submitLatencyMillis, millis, outcomes, log);
  }

  public SimulatedCarrierOptions withOutcome(String to, Outcome outcome) {
    Map<String, Outcome> more = new HashMap<>(outcomes);
    more.put(to, outcome);
    return new SimulatedCarrierOptions(submitLatencyMillis, deliveryReportDelayMillis, more, log);
  }

  private static Map<String, Outcome> outcomesFrom(JsonObject json) {
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    for (String to : json.fieldNames()) {
      Object value = json.getValue(to);
      require(value instanceof String,
          "carrier.simulated.outcomes." + to + " must be a string such as undelivered:30003");
      try {
        outcomes.put(to.trim(), Outcome.parse((String) value));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Invalid configuration: carrier.simulated.outcomes." + to + ": " + e.getMessage(), e);
      }
    }
    return outcomes;
  }

  private static long longAt(JsonObject json, String key, long fallback) {
    Object value = json.getValue(key);
    if (value == null) {
      return fallback;
    }
    try {
      // A value from the environment arrives as a string.
      return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Invalid configuration: carrier.simulated." + key + " must be a whole number of milliseconds");
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("Invalid configuration: " + message);
    }
  }
}
