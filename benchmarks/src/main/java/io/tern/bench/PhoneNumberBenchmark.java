package io.tern.bench;

import io.tern.message.ParsedNumber;
import io.tern.message.PhoneNumbers;
import java.util.Optional;
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
 * E.164 parsing with libphonenumber, done for To and From of every message. A US number, a
 * British one written with spaces (the tolerated punctuation is stripped first), and text that
 * is not a number at all (rejected before libphonenumber is asked).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class PhoneNumberBenchmark {
  String us = "+14155550123";
  String gbWithSpaces = "+44 7700 900123";
  String notANumber = "hello";

  @Benchmark
  public Optional<ParsedNumber> usNumber() {
    return PhoneNumbers.parseE164(us);
  }

  @Benchmark
  public Optional<ParsedNumber> gbNumberWithSpaces() {
    return PhoneNumbers.parseE164(gbWithSpaces);
  }

  @Benchmark
  public Optional<ParsedNumber> rejected() {
    return PhoneNumbers.parseE164(notANumber);
  }
}
