package io.tern.bench;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * X-Twilio-Signature of a status callback: URL, then the form parameters sorted by name and
 * appended as name+value, HMAC-SHA1 keyed with the auth token, Base64. On the reference vector
 * (token 12345, twilio-python's URL and parameters).
 *
 * <p>SWITCH when io.tern.callback lands on main: measure the gateway's own signer,
 * {@code io.tern.callback.TwilioSignature.of(token, url, params)}, instead of this stand-in, which
 * follows the same algorithm with javax.crypto (a Mac per signature, as that class does) so the
 * figure is comparable.
 * {@link #signatureOfReferenceVector()} checks at set-up that the stand-in gives the reference
 * signature, so the figure is for a correct signature.
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

  /** The whole signature, as each callback needs it: a fresh Mac keyed with the account's token. */
  @Benchmark
  public String signatureOfReferenceVector() {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      byte[] digest = mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
