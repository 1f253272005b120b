package io.tern.callback;

import io.tern.store.PendingCallback;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The HTTP request one callback becomes: where it goes, its form body, and the headers a Twilio
 * receiver expects. Built from the outbox row and the auth token of the account that owns the
 * message.
 *
 * <p>The URL requested and signed is the callback URL without its fragment (connection overrides,
 * see {@link ConnectionOverrides}). Credentials in the URL ({@code https://user:pass@host/...},
 * which Twilio supports for callbacks) become a Basic {@code Authorization} header and are left
 * out of the signed URL, as the receiver sees the URL without them.
 *
 * @param target the URL to connect to, without fragment or credentials
 * @param body the form parameters, URL-encoded, in name order
 * @param signature {@code X-Twilio-Signature}; a credential, never logged
 * @param authorization the Basic {@code Authorization} value, or null
 */
public record CallbackRequest(
    URI target,
    ConnectionOverrides overrides,
    String body,
    String signature,
    String idempotencyToken,
    String authorization) {

  public static final String IDEMPOTENCY_HEADER = "I-Twilio-Idempotency-Token";
  public static final String USER_AGENT = "TwilioProxy/1.1";
  public static final String CONTENT_TYPE = "application/x-www-form-urlencoded";

  /** @throws URISyntaxException when the stored URL is not a URL (it was checked on the way in) */
  public static CallbackRequest of(PendingCallback callback, String authToken)
      throws URISyntaxException {
    String requested = ConnectionOverrides.withoutFragment(callback.url());
    URI uri = new URI(requested);
    String authorization = null;
    if (uri.getRawUserInfo() != null) {
      authorization = basic(uri.getRawUserInfo());
      // URI.getHost() keeps the brackets of an IPv6 literal, so this is a valid authority.
      requested = uri.getScheme() + "://" + uri.getHost()
          + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
          + (uri.getRawPath() == null ? "" : uri.getRawPath())
          + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      uri = new URI(requested);
    }
    return new CallbackRequest(uri, ConnectionOverrides.of(callback.url()),
        formBody(callback.params()),
        TwilioSignature.of(authToken, requested, callback.params()),
        callback.idempotencyToken(), authorization);
  }

  /** Where connections are counted and bounded: scheme, host and port. */
  public String hostKey() {
    return hostKey(target);
  }

  static String hostKey(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
    return scheme + "://" + (uri.getHost() == null ? "" : uri.getHost().toLowerCase()) + ":" + port;
  }

  static String formBody(Map<String, String> params) {
    StringJoiner body = new StringJoiner("&");
    params.keySet().stream().sorted().forEach(name -> body.add(
        URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(params.get(name) == null ? "" : params.get(name), StandardCharsets.UTF_8)));
    return body.toString();
  }

  private static String basic(String rawUserInfo) {
    String userInfo = URLDecoder.decode(rawUserInfo.replace("+", "%2B"), StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
  }

  /** Leaves the signature and credentials out, in case a record is ever printed. */
  @Override
  public String toString() {
    return "CallbackRequest[" + hostKey() + "]";
  }
}
