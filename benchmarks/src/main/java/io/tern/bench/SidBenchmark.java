package io.tern.bench;

import io.tern.message.Sids;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A new message sid, made for every accepted message (two with media): the time in
 * milliseconds and 80 bits of the thread's SecureRandom, as 32 lowercase hex digits.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SidBenchmark {

  @Benchmark
  public String messageSid() {
    return Sids.generate(Sids.MESSAGE);
  }
}
