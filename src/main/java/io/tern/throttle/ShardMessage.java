package io.tern.throttle;

import io.tern.message.Message;
import java.time.Instant;

/**
 * What a throttle shard needs of a committed message to queue it: its sender (and the account
 * that sends, for the sender's rate), its segments and how long it may wait. It travels from
 * the pod that committed the message to the pod that owns the shard, so it has a wire format
 * ({@link ShardMessageCodec}); the rest of the message stays in the store, read when it is sent.
 */
public record ShardMessage(String sid, String accountSid, String from, int numSegments,
    Instant dateCreated, int validityPeriod) {

  public static ShardMessage of(Message message) {
    return new ShardMessage(message.sid(), message.accountSid(), message.from(),
        message.numSegments(), message.dateCreated(), message.validityPeriod());
  }

  public String senderKey() {
    return Message.senderKey(accountSid, from);
  }
}
