package io.tern.bench;

import io.tern.api.PathTemplate;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * The route match of every send: Vert.x Web matches the request path against the regular
 * expression {@link PathTemplate} makes of the Messages list template, then reads the account
 * sid out of its named group.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class PathTemplateBenchmark {
  Pattern messages =
      Pattern.compile(PathTemplate.regex("/2010-04-01/Accounts/{AccountSid}/Messages.json"));
  String path = "/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json";

  @Benchmark
  public String matchMessagesList() {
    Matcher matcher = messages.matcher(path);
    return matcher.matches() ? matcher.group("AccountSid") : null;
  }
}
