package io.tern.callback;

/** What one attempt at a callback came to, before deciding whether to try again. */
public sealed interface PostResult {

  /** Short text for the attempt's history; null for a 2xx answer. */
  String error();

  /** The receiver answered with this HTTP status. */
  record Answered(int status) implements PostResult {
    public boolean isSuccess() {
      return status >= 200 && status < 300;
    }

    @Override
    public String error() {
      return isSuccess() ? null : "HTTP " + status;
    }
  }

  /**
   * No answer: the connection could not be made ({@link Stage#CONNECT}: refused, host not
   * found, connect timeout) or broke or went quiet once made ({@link Stage#READ}).
   */
  record NoAnswer(Stage stage, String error) implements PostResult {}

  /** Tern will not connect to the URL (outbound guard); no connection was opened. */
  record Refused(String error) implements PostResult {}

  enum Stage { CONNECT, READ }
}
