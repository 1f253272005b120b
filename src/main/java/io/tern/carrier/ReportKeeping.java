package io.tern.carrier;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * How long delivery reports wait for their message, and how often waiting reports are matched
 * again: {@code carrier.reports}.
 *
 * @param keep a report whose carrier id no message has after this long is forgotten (a report
 *     can come before its submit answer is written, on another pod or across a restart)
 * @param sweepMillis how often kept reports are compared with the ids recorded since, and old
 *     ones forgotten: the longest a report that came before its answer waits to be applied
 */
public record ReportKeeping(Duration keep, long sweepMillis) {
  public static final long DEFAULT_KEEP_HOURS = 48;
  public static final long DEFAULT_SWEEP_MILLIS = 1_000;

  public ReportKeeping {
    if (keep.isNegative() || keep.isZero()) {
      throw new IllegalArgumentException("Invalid configuration: carrier.reports.keepHours must be positive");
    }
    if (sweepMillis < 1) {
      throw new IllegalArgumentException("Invalid configuration: carrier.reports.sweepMillis must be positive");
    }
  }

  public static ReportKeeping defaults() {
    return new ReportKeeping(Duration.ofHours(DEFAULT_KEEP_HOURS), DEFAULT_SWEEP_MILLIS);
  }

  /** Reads a {@code carrier.reports} block; a missing key keeps its default. */
  public static ReportKeeping fromJson(JsonObject reports) {
    JsonObject json = reports == null ? new JsonObject() : reports;
    return new ReportKeeping(
        Duration.ofHours(longAt(json, "keepHours", DEFAULT_KEEP_HOURS)),
        longAt(json, "sweepMillis", DEFAULT_SWEEP_MILLIS));
  }

  public JsonObject toJson() {
    return new JsonObject().put("keepHours", keep.toHours()).put("sweepMillis", sweepMillis);
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
          "Invalid configuration: carrier.reports." + key + " must be a whole number");
    }
  }
}
