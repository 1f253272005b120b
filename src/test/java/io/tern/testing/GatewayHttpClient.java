package io.tern.testing;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Points the official twilio-java SDK at a Tern gateway, the way a Twilio application would be
 * pointed at it: every request the SDK means for {@code https://api.twilio.com} or
 * {@code https://messaging.twilio.com} goes to {@code baseUrl} instead, otherwise unchanged.
 *
 * <pre>{@code
 * TwilioRestClient client = GatewayHttpClient.client("http://127.0.0.1:" + port, accountSid, token);
 * Message message = Message.creator(to, from, "hi").create(client);
 * }</pre>
 *
 * <p>The URL is rewritten from {@link Request#getUrl()}, not from {@link Request#constructURL()}:
 * the latter already carries any region or edge (e.g. {@code api.dublin.ie1.twilio.com}), which
 * a prefix rewrite would miss, so region and edge are deliberately not copied. A base URL should
 * use an IP address or a host name of 1, 3, 4 or 5 labels: twilio-java rebuilds two-label hosts
 * ({@code example.com} becomes {@code example.example.com}).
 */
public class GatewayHttpClient extends NetworkHttpClient {

  private static final List<String> TWILIO_ORIGINS =
      List.of("https://api.twilio.com", "https://messaging.twilio.com");

  private final String baseUrl;

  /** @param baseUrl scheme, host and port of the gateway, e.g. {@code http://127.0.0.1:8080} */
  public GatewayHttpClient(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  /** A REST client for {@code accountSid} whose every call goes to the gateway at {@code baseUrl}. */
  public static TwilioRestClient client(String baseUrl, String accountSid, String authToken) {
    return new TwilioRestClient.Builder(accountSid, authToken)
        .accountSid(accountSid)
        .httpClient(new GatewayHttpClient(baseUrl))
        .build();
  }

  @Override
  public Response makeRequest(Request request) {
    return super.makeRequest(redirect(request));
  }

  /** The same request, addressed to the gateway. */
  Request redirect(Request original) {
    Request redirected = new Request(original.getMethod(), rewriteUrl(original.getUrl()));
    copy(original.getQueryParams(), redirected::addQueryParam);
    copy(original.getPostParams(), redirected::addPostParam);
    copy(original.getHeaderParams(), redirected::addHeaderParam);
    if (original.getContentType() != null) {
      redirected.setContentType(original.getContentType());
    }
    if (original.getBody() != null) {
      redirected.setBody(original.getBody());
    }
    if (original.getUsername() != null && original.getPassword() != null) {
      redirected.setAuth(original.getUsername(), original.getPassword());
    } else if (original.getAuthStrategy() != null) {
      redirected.setAuth(original.getAuthStrategy());
    }
    redirected.setUserAgentExtensions(original.getUserAgentExtensions());
    return redirected;
  }

  /**
   * Replaces a Twilio origin by the gateway's. Other URLs stay as they are: a v1 page URL that
   * the gateway wrote with its own host is already right.
   */
  String rewriteUrl(String url) {
    for (String origin : TWILIO_ORIGINS) {
      if (url.equals(origin) || url.startsWith(origin + "/") || url.startsWith(origin + "?")) {
        return baseUrl + url.substring(origin.length());
      }
    }
    return url;
  }

  private static void copy(Map<String, List<String>> params, BiConsumer<String, String> add) {
    params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
  }
}
