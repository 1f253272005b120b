package io.tern.bench;

import io.tern.api.MessageJson;
import io.tern.store.Message;
import io.tern.store.MessageStatus;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.List;
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
  Message queued = new Message(
      "SM0123456789abcdef0123456789abcdef", "AC0123456789abcdef0123456789abcdef",
      "+14155550123", "+14155550100", null, "Your Tern code is 482913. It expires in 10 minutes.",
      MessageStatus.QUEUED, Message.OUTBOUND_API, 1, "GSM7", List.of(), null, null, null, "USD",
      "https://example.com/status", 36_000, null,
      Instant.parse("2024-05-01T12:00:00.123456Z"), Instant.parse("2024-05-01T12:00:00.123456Z"),
      null);

  @Benchmark
  public String renderAndEncode() {
    return MessageJson.render(queued).encode();
  }

  @Benchmark
  public Buffer encode() {
    return MessageJson.encode(queued);
  }
}
