package io.tern.testing;

import io.tern.Gateway;
import io.tern.store.Account;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;

/** A Twilio-style HTTP client for tests: Basic auth as one account, form bodies, JSON answers. */
public final class ApiClient {
  private final WebClient web;
  private final int port;
  private final String username;
  private final String password;

  public ApiClient(WebClient web, int port, String username, String password) {
    this.web = web;
    this.port = port;
    this.username = username;
    this.password = password;
  }

  public static ApiClient as(WebClient web, Gateway gateway, Account account) {
    return new ApiClient(web, gateway.port(), account.sid(), account.authToken());
  }

  public ApiClient withCredentials(String username, String password) {
    return new ApiClient(web, port, username, password);
  }

  public Future<HttpResponse<Buffer>> get(String pathAndQuery) {
    return request(HttpMethod.GET, pathAndQuery).send();
  }

  public Future<HttpResponse<Buffer>> delete(String path) {
    return request(HttpMethod.DELETE, path).send();
  }

  public Future<HttpResponse<Buffer>> post(String path, MultiMap form) {
    return request(HttpMethod.POST, path).sendForm(form);
  }

  public Future<HttpResponse<Buffer>> post(String path, Map<String, String> form) {
    MultiMap multi = MultiMap.caseInsensitiveMultiMap();
    form.forEach(multi::add);
    return post(path, multi);
  }

  /** A request to a path on the gateway, or to an absolute URL it answered (a paging URL). */
  public HttpRequest<Buffer> request(HttpMethod method, String pathAndQuery) {
    HttpRequest<Buffer> request = pathAndQuery.startsWith("http")
        ? web.requestAbs(method, pathAndQuery)
        : web.request(method, port, "127.0.0.1", pathAndQuery);
    return username == null ? request : request.basicAuthentication(username, password);
  }

  /** The form as an ordered multi-map, for repeated keys such as MediaUrl. */
  public static MultiMap form(String... keysAndValues) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      form.add(keysAndValues[i], keysAndValues[i + 1]);
    }
    return form;
  }
}
