package io.tern.status;

/**
 * The status writer already holds its bound of changes the store has not committed (a long
 * outage under load) and refuses more rather than grow without limit. The message keeps the
 * status the store has for it; the caller decides what that means for the message.
 */
public final class StatusWriteRefusedException extends RuntimeException {
  public StatusWriteRefusedException(int bound) {
    super("The status writer holds " + bound + " uncommitted changes, its bound; change refused",
        null, false, false);
  }
}
