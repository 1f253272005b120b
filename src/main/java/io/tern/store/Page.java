package io.tern.store;

import java.util.List;

/**
 * One page of a listing, newest first, and whether another page follows it in the direction
 * the listing walked (older messages for a forward walk, newer ones for a walk back).
 */
public record Page<T>(List<T> items, boolean hasMore) {
  public Page {
    items = List.copyOf(items);
  }
}
