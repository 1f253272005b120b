package io.tern.store;

/** A unique resource (number, short code, pool membership) was registered twice. */
public final class DuplicateException extends RuntimeException {
  public DuplicateException(String message) {
    super(message, null, false, false);
  }
}
