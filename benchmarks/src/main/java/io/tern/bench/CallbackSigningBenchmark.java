package io.tern.bench;

import io.tern.callback.TwilioSignature;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * X-Twilio-Signature of a status callback, as the callback sender computes it for every post
 * ({@link TwilioSignature#of}: URL, then the form parameters sorted by name and appended as
 * name+value, HMAC-SHA1 keyed with the auth token, Base64). On the reference vector (token
 * 12345, twilio-python's URL and parameters); {@link #checkReferenceVector()} checks at set-up
 * that the signer gives the reference signature, so the figure is for a correct signature.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CallbackSigningBenchmark {
  static final String EXPECTED = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

  String token = "12345";
  String url = "https://mycompany.com/myapp.php?foo=1&bar=2";
  Map<String, String> params = Map.of(
      "CallSid", "CA1234567890ABCDE",
      "Caller", "+14158675309",
      "Digits", "1234",
      "From", "+14158675309",
      "To", "+18005551212");

  @Setup
  public void checkReferenceVector() {
    String signature = signatureOfReferenceVector();
    if (!EXPECTED.equals(signature)) {
      throw new IllegalStateException("reference vector gives " + signature + ", not " + EXPECTED);
    }
  }

  /** The whole signature, as each callback needs it. */
  @Benchmark
  public String signatureOfReferenceVector() {
    return TwilioSignature.of(token, url, params);
  }
}
