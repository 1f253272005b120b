package io.tern.inbound;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Twilio's default opt-out keywords. A message is a keyword only when it is that one word,
 * in any case, with surrounding blanks ignored ("STOP PLEASE" is not).
 */
public enum Keyword {
  STOP(Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"),
      "You have successfully been unsubscribed. You will not receive any more messages from this"
          + " number. Reply START to resubscribe."),
  START(Set.of("START", "YES", "UNSTOP"),
      "You have successfully been re-subscribed to messages from this number. Reply HELP for"
          + " help. Reply STOP to unsubscribe. Msg&Data Rates May Apply."),
  HELP(Set.of("HELP", "INFO"), "Reply STOP to unsubscribe. Msg&Data Rates May Apply.");

  private final Set<String> words;
  private final String defaultReply;

  Keyword(Set<String> words, String defaultReply) {
    this.words = words;
    this.defaultReply = defaultReply;
  }

  /** Twilio's automatic answer to this keyword. */
  public String defaultReply() {
    return defaultReply;
  }

  /** The keyword a message body is, if it is one; the webhook's {@code OptOutType}. */
  public static Optional<Keyword> of(String body) {
    if (body == null) {
      return Optional.empty();
    }
    String word = body.strip().toUpperCase(Locale.ROOT);
    for (Keyword keyword : values()) {
      if (keyword.words.contains(word)) {
        return Optional.of(keyword);
      }
    }
    return Optional.empty();
  }
}
