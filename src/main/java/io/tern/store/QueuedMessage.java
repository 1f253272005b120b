package io.tern.store;

import io.tern.message.Message;
import java.time.Instant;

/**
 * A message in its sender's queue as a throttle window holds it: its place (creation time, then
 * sid), its segments and its validity period in seconds. Whether it is still queued is not
 * known here: the claim that would send it checks that.
 */
public record QueuedMessage(String sid, Instant dateCreated, int numSegments, int validityPeriod) {

  public static QueuedMessage of(Message message) {
    return new QueuedMessage(message.sid(), message.dateCreated(), message.numSegments(),
        message.validityPeriod());
  }
}
