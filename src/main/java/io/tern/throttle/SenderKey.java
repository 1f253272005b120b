package io.tern.throttle;

import io.tern.store.Message;

/**
 * Who a message queues behind: its number or short code; for an alphanumeric ID, the account
 * and the ID (two accounts may use the same ID without sharing a queue).
 */
public final class SenderKey {
  private SenderKey() {}

  public static String of(Message message) {
    String from = message.from();
    if (from == null) {
      return "service:" + message.messagingServiceSid();
    }
    boolean numeric = from.startsWith("+") || from.chars().allMatch(Character::isDigit);
    return numeric ? from : message.accountSid() + ":" + from;
  }
}
