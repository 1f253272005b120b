package io.tern.carrier.smpp;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code carrier.smpp} block: where the SMSC is, how Tern binds to it and how it sends.
 * Every key is documented in {@code conf/tern.yaml}; {@link #from} is the only parser.
 *
 * @param binds sessions this pod opens (pairs of sessions with {@link BindMode#TRANSMITTER_RECEIVER})
 * @param window submits outstanding per bind
 * @param throughput submit_sm PDUs per second for all of this pod's binds together; 0 = no limit
 * @param errorMap SMPP command_status of a refused submit → Twilio code, over {@link SmppErrors}'
 *     defaults; keys {@code err:N} map a receipt's {@code err} field instead
 */
public record SmppOptions(
    String host,
    int port,
    String systemId,
    String password,
    String systemType,
    BindMode bindType,
    int binds,
    int window,
    int throughput,
    int enquireLinkSeconds,
    long reconnectInitialMillis,
    long reconnectMaxMillis,
    long requestTimeoutMillis,
    long throttledPauseMillis,
    int maxRetries,
    long closeTimeoutMillis,
    Address longCode,
    Address shortCode,
    Address alphanumeric,
    LongMessageMethod longMessage,
    DefaultCharset defaultCharset,
    Map<String, Integer> errorMap) {

  /** How a pod binds: one session both ways, or one to send and one to receive. */
  public enum BindMode {
    TRANSCEIVER("transceiver"),
    TRANSMITTER_RECEIVER("transmitter+receiver");

    final String wire;

    BindMode(String wire) {
      this.wire = wire;
    }

    static BindMode of(String text) {
      for (BindMode mode : values()) {
        if (mode.wire.equalsIgnoreCase(text.trim())) {
          return mode;
        }
      }
      throw invalid("bindType", text, "transceiver or transmitter+receiver");
    }
  }

  /** How a message longer than one SMS travels. */
  public enum LongMessageMethod {
    UDH8, UDH16, SAR, PAYLOAD;

    static LongMessageMethod of(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw invalid("longMessage", text, "udh8, udh16, sar or payload");
      }
    }
  }

  /** What the SMSC means by data_coding 0 (both ways). */
  public enum DefaultCharset {
    GSM7, LATIN1, ASCII;

    static DefaultCharset of(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw invalid("defaultCharset", text, "gsm7, latin1 or ascii");
      }
    }
  }

  /** Source type of number and numbering plan for one kind of sender. */
  public record Address(int ton, int npi) {
    public Address {
      if (ton < 0 || ton > 6 || npi < 0 || npi > 18) {
        throw new IllegalArgumentException("Invalid configuration: carrier.smpp TON/NPI "
            + ton + "/" + npi + " is out of range");
      }
    }

    static Address from(JsonObject json, Address fallback) {
      return json == null ? fallback : new Address(
          json.getInteger("ton", fallback.ton), json.getInteger("npi", fallback.npi));
    }

    JsonObject toJson() {
      return new JsonObject().put("ton", ton).put("npi", npi);
    }
  }

  public SmppOptions {
    Objects.requireNonNull(bindType, "bindType");
    Objects.requireNonNull(longMessage, "longMessage");
    Objects.requireNonNull(defaultCharset, "defaultCharset");
    errorMap = Map.copyOf(errorMap == null ? Map.of() : errorMap);
    positive("binds", binds);
    positive("window", window);
    positive("enquireLinkSeconds", enquireLinkSeconds);
    positive("reconnectInitialMillis", reconnectInitialMillis);
    positive("requestTimeoutMillis", requestTimeoutMillis);
    positive("closeTimeoutMillis", closeTimeoutMillis);
    if (throughput < 0 || maxRetries < 0 || throttledPauseMillis < 0) {
      throw new IllegalArgumentException(
          "Invalid configuration: carrier.smpp throughput, maxRetries and throttledPauseMillis must not be negative");
    }
    if (reconnectMaxMillis < reconnectInitialMillis) {
      throw new IllegalArgumentException(
          "Invalid configuration: carrier.smpp.reconnectMaxMillis is below reconnectInitialMillis");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("Invalid configuration: carrier.smpp.port " + port);
    }
  }

  public static SmppOptions defaults() {
    return new SmppOptions("", 2775, "", "", "", BindMode.TRANSCEIVER, 1, 10, 0, 30,
        1_000, 60_000, 10_000, 1_000, 5, 10_000,
        new Address(1, 1), new Address(3, 0), new Address(5, 0),
        LongMessageMethod.UDH8, DefaultCharset.GSM7, Map.of());
  }

  /** The block as configured, over the defaults; fails on a value it cannot use. */
  public static SmppOptions from(JsonObject json) {
    SmppOptions d = defaults();
    if (json == null) {
      return d;
    }
    Map<String, Integer> errors = new LinkedHashMap<>();
    JsonObject map = json.getJsonObject("errorMap");
    if (map != null) {
      map.forEach(entry -> errors.put(errorKey(entry.getKey()),
          Integer.valueOf(String.valueOf(entry.getValue()).trim())));
    }
    return new SmppOptions(
        json.getString("host", d.host).trim(),
        json.getInteger("port", d.port),
        json.getString("systemId", d.systemId),
        json.getString("password", d.password),
        json.getString("systemType", d.systemType),
        BindMode.of(json.getString("bindType", d.bindType.wire)),
        json.getInteger("binds", d.binds),
        json.getInteger("window", d.window),
        json.getInteger("throughput", d.throughput),
        json.getInteger("enquireLinkSeconds", d.enquireLinkSeconds),
        json.getLong("reconnectInitialMillis", d.reconnectInitialMillis),
        json.getLong("reconnectMaxMillis", d.reconnectMaxMillis),
        json.getLong("requestTimeoutMillis", d.requestTimeoutMillis),
        json.getLong("throttledPauseMillis", d.throttledPauseMillis),
        json.getInteger("maxRetries", d.maxRetries),
        json.getLong("closeTimeoutMillis", d.closeTimeoutMillis),
        Address.from(json.getJsonObject("longCode"), d.longCode),
        Address.from(json.getJsonObject("shortCode"), d.shortCode),
        Address.from(json.getJsonObject("alphanumeric"), d.alphanumeric),
        LongMessageMethod.of(json.getString("longMessage", "udh8")),
        DefaultCharset.of(json.getString("defaultCharset", "gsm7")),
        errors);
  }

  /** The same block with the SMSC at another address: tests and benchmarks bind to loopback. */
  public SmppOptions at(String host, int port) {
    return new SmppOptions(host, port, systemId, password, systemType, bindType, binds, window,
        throughput, enquireLinkSeconds, reconnectInitialMillis, reconnectMaxMillis,
        requestTimeoutMillis, throttledPauseMillis, maxRetries, closeTimeoutMillis, longCode,
        shortCode, alphanumeric, longMessage, defaultCharset, errorMap);
  }

  /** The block as {@code conf/tern.yaml} shows it (the password included: it is the default, empty). */
  public JsonObject toJson() {
    JsonObject errors = new JsonObject();
    errorMap.forEach(errors::put);
    return new JsonObject()
        .put("host", host).put("port", port).put("systemId", systemId).put("password", password)
        .put("systemType", systemType).put("bindType", bindType.wire).put("binds", binds)
        .put("window", window).put("throughput", throughput)
        .put("enquireLinkSeconds", enquireLinkSeconds)
        .put("reconnectInitialMillis", reconnectInitialMillis)
        .put("reconnectMaxMillis", reconnectMaxMillis)
        .put("requestTimeoutMillis", requestTimeoutMillis)
        .put("throttledPauseMillis", throttledPauseMillis).put("maxRetries", maxRetries)
        .put("closeTimeoutMillis", closeTimeoutMillis)
        .put("longCode", longCode.toJson()).put("shortCode", shortCode.toJson())
        .put("alphanumeric", alphanumeric.toJson())
        .put("longMessage", longMessage.name().toLowerCase(Locale.ROOT))
        .put("defaultCharset", defaultCharset.name().toLowerCase(Locale.ROOT))
        .put("errorMap", errors);
  }

  /** Fails at start-up when the SMSC is not named: Tern cannot guess where to bind. */
  public SmppOptions requireConnectable() {
    if (host.isEmpty() || systemId.isEmpty()) {
      throw new IllegalArgumentException("Invalid configuration: carrier.type smpp needs "
          + "carrier.smpp.host and carrier.smpp.systemId (TERN_CARRIER_SMPP_HOST, TERN_CARRIER_SMPP_SYSTEM_ID)");
    }
    return this;
  }

  // "0x0B", "11" and "err:1" are all accepted; stored as "11" and "err:1".
  private static String errorKey(String key) {
    String k = key.trim().toLowerCase(Locale.ROOT);
    if (k.startsWith("err:")) {
      return "err:" + Integer.parseInt(k.substring(4).trim());
    }
    return String.valueOf(k.startsWith("0x") ? Integer.parseInt(k.substring(2), 16) : Integer.parseInt(k));
  }

  private static void positive(String key, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException("Invalid configuration: carrier.smpp." + key + " must be positive");
    }
  }

  private static IllegalArgumentException invalid(String key, String value, String known) {
    return new IllegalArgumentException("Invalid configuration: carrier.smpp." + key + " '"
        + value + "' is not one of " + known);
  }
}
