package io.tern.throttle;

import java.util.List;

/**
 * Messages for one throttle shard that one event loop committed in one turn, handed to the
 * shard in one event-bus hop. Within a pod only: between pods each message goes as a
 * {@link ShardMessage}, the wire format every version of the gateway reads.
 */
public record ShardBatch(List<ShardMessage> messages) {}
