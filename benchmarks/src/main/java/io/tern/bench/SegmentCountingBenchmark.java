package io.tern.bench;

import io.tern.message.text.Segmentation;
import io.tern.message.text.SegmentCounter;
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
 * Encoding detection and segment counting, which runs once per message on the validation path.
 * Bodies of each kind Twilio distinguishes: GSM-7 and UCS-2, one segment and many, and a body
 * that Smart Encoding turns from UCS-2 into GSM-7 (curly quotes, an ellipsis, a long dash).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class SegmentCountingBenchmark {
  /** 54 GSM-7 characters, one segment. */
  String gsmShort = "Your Tern code is 482913. It expires in 10 minutes.";
  /** About 1,100 GSM-7 characters with extension characters ({, }, €): 8 segments. */
  String gsmLong = ("Order #12345 {shipped}: 2 items, total €42.50. Track it at "
      + "https://example.com/t/ABC123 - reply STOP to opt out. ").repeat(10);
  /** An emoji makes it UCS-2: one segment. */
  String ucs2Short = "Votre code est 482913 \uD83D\uDE00 merci";
  /** Cyrillic, about 900 UTF-16 units: 14 segments of 67. */
  String ucs2Long = "Привет! Ваш заказ отправлен, номер отслеживания 12345. ".repeat(16);
  /** Look-alikes Smart Encoding replaces, so the body is sent as GSM-7. */
  String smartCandidate =
      "“Hello” — it’s Tern… your order ‘A-42’ ships today – thanks! ".repeat(3);

  @Benchmark
  public Segmentation gsm7Short() {
    return SegmentCounter.count(gsmShort);
  }

  @Benchmark
  public Segmentation gsm7Long() {
    return SegmentCounter.count(gsmLong);
  }

  @Benchmark
  public Segmentation ucs2Short() {
    return SegmentCounter.count(ucs2Short);
  }

  @Benchmark
  public Segmentation ucs2Long() {
    return SegmentCounter.count(ucs2Long);
  }

  @Benchmark
  public Segmentation smartEncoded() {
    return SegmentCounter.count(smartCandidate, true);
  }
}
