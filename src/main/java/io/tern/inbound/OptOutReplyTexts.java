package io.tern.inbound;

import io.tern.store.OptOutReplies;

/** The text of an automatic answer: the service's own, else Twilio's default. */
final class OptOutReplyTexts {
  private OptOutReplyTexts() {}

  /** @return null when the service turned automatic answers off */
  static String text(Keyword keyword, OptOutReplies configured) {
    if (configured == null) {
      return keyword.defaultReply();
    }
    if (!configured.enabled()) {
      return null;
    }
    String own = switch (keyword) {
      case STOP -> configured.stopText();
      case START -> configured.startText();
      case HELP -> configured.helpText();
    };
    return own == null || own.isBlank() ? keyword.defaultReply() : own;
  }
}
