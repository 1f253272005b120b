package io.tern.store.memory;

import io.tern.message.Message;
import io.tern.message.MessageStatus;
import io.tern.message.SendPlan;
import io.tern.message.text.Encoding;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the in-memory store pays in CPU for keeping messages packed: a load-test message (queued,
 * one GSM-7 segment) packed, as at every insert and status change, and unpacked, as at every
 * read and status change. In package io.tern.store.memory because the packed form is
 * package-private.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class PackedMessageBenchmark {
  private final Message message = loadTestMessage();
  private final PackedMessage packed = PackedMessage.of(message);

  @Benchmark
  public PackedMessage pack() {
    return PackedMessage.of(message);
  }

  @Benchmark
  public Message unpack() {
    return packed.unpack();
  }

  private static Message loadTestMessage() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    String body = "Load test message 123456";
    return Message.builder()
        .sid("SM0123456789abcdef0123456789abcdef")
        .accountSid("ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
        .to("+12125550042")
        .from("+14155550042")
        .body(body)
        .status(MessageStatus.QUEUED)
        .direction(Message.OUTBOUND_API)
        .numSegments(1)
        .encoding("GSM-7")
        .priceUnit("USD")
        .validityPeriod(36_000)
        .dateCreated(now)
        .dateUpdated(now)
        .sendPlan(new SendPlan(body, Encoding.GSM7, 1, false))
        .build();
  }
}
