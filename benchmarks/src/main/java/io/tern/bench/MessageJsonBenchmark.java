package io.tern.bench;

import io.tern.api.MessageJson;
import io.tern.message.Message;
import io.tern.message.MessageStatus;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
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
 * A message in Twilio's JSON: streamed straight to bytes ({@code encode}, the body of every 201
 * and fetch), and built as a JsonObject then encoded ({@code renderAndEncode}, each item of a
 * list page).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class MessageJsonBenchmark {
  Message queued = Message.builder()
      .sid("SM0123456789abcdef0123456789abcdef")
      .accountSid("AC0123456789abcdef0123456789abcdef")
      .to("+14155550123")
      .from("+14155550100")
      .body("Your Tern code is 482913. It expires in 10 minutes.")
      .status(MessageStatus.QUEUED)
      .direction(Message.OUTBOUND_API)
      .numSegments(1)
      .encoding("GSM-7")
      .priceUnit("USD")
      .statusCallback("https://example.com/status")
      .validityPeriod(36_000)
      .dateCreated(Instant.parse("2024-05-01T12:00:00.123456Z"))
      .dateUpdated(Instant.parse("2024-05-01T12:00:00.123456Z"))
      .build();

  @Benchmark
  public String renderAndEncode() {
    return MessageJson.render(queued).encode();
  }

  @Benchmark
  public Buffer encode() {
    return MessageJson.encode(queued);
  }
}
