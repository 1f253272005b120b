package io.tern.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ShardMessageCodecTest {
  private final ShardMessageCodec codec = new ShardMessageCodec();

  @Test
  void aShardMessageCrossesTheWireUnchangedToTheMicrosecond() {
    ShardMessage message = new ShardMessage("SM0123456789abcdef0123456789abcdef",
        "AC0123456789abcdef0123456789abcdef", "MyBrand", 3,
        Instant.parse("2026-03-01T12:00:00.123456Z"), 600);
    Buffer wire = Buffer.buffer("prefix");
    codec.encodeToWire(wire, message);

    ShardMessage decoded = codec.decodeFromWire("prefix".length(), wire);

    assertThat(decoded).isEqualTo(message);
    assertThat(decoded.senderKey()).isEqualTo("AC0123456789abcdef0123456789abcdef:MyBrand");
  }

  @Test
  void withinOnePodTheRecordIsPassedAsIs() {
    ShardMessage message = new ShardMessage("SM1", "AC1", "+15005550006", 1, Instant.EPOCH, 14_400);
    assertThat(codec.transform(message)).isSameAs(message);
  }
}
