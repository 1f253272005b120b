package io.tern.store;

import java.util.List;

/** One page of a listing, newest first, and whether another page follows it. */
public record Page<T>(List<T> items, boolean hasMore) {
  public Page {
    items = List.copyOf(items);
  }
}
