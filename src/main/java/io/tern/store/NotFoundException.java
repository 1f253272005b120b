package io.tern.store;

/**
 * The resource a write named does not exist in the account given (or does not exist at all):
 * the two cases are one, so a caller cannot probe for other accounts' sids.
 */
public final class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message, null, false, false);
  }
}
