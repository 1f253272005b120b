package io.tern.store;

import java.time.Instant;

/**
 * A sender's latest send as the store knows it: the greatest {@code dateSent} among its outbound
 * messages, and that message's segments. A throttle that takes the sender over (a restart, a
 * shard moving to another pod) holds it {@code segments / rate} from {@code dateSent}, as the
 * previous owner did.
 */
public record LastSend(String senderKey, Instant dateSent, int segments) {}
