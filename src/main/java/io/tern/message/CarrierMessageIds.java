package io.tern.message;

import java.util.List;
import java.util.Objects;

/**
 * The ids a carrier connection gave a message it accepted, one per part in part order. Two
 * connections may issue the same id, so an id is only meaningful with its connection.
 *
 * @param connection the carrier connection's name ({@code simulated}, {@code smpp}, ...)
 */
public record CarrierMessageIds(String connection, List<String> ids) {
  public CarrierMessageIds {
    Objects.requireNonNull(connection, "connection");
    ids = List.copyOf(Objects.requireNonNull(ids, "ids"));
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("a message the carrier accepted has at least one carrier id");
    }
  }
}
