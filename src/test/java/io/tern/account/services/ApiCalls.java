package io.tern.account.services;

import io.tern.Gateway;
import io.tern.store.Account;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/**
 * Requests as a Twilio SDK makes them: Basic auth with an account's sid and token, form bodies,
 * absolute URLs (v1 paging URLs are followed verbatim).
 */
final class ApiCalls {
  private final WebClient client;
  private final String baseUrl;

  ApiCalls(WebClient client, Gateway gateway) {
    this.client = client;
    this.baseUrl = gateway.baseUrl();
  }

  /** A JSON answer and its status. */
  record Answer(int status, JsonObject json) {}

  Future<Answer> post(Account as, String path, String... form) {
    MultiMap body = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < form.length; i += 2) {
      body.add(form[i], form[i + 1]);
    }
    return send(request(HttpMethod.POST, as, url(path)).sendForm(body));
  }

  Future<Answer> get(Account as, String pathOrUrl) {
    return send(request(HttpMethod.GET, as, url(pathOrUrl)).send());
  }

  Future<Answer> delete(Account as, String path) {
    return send(request(HttpMethod.DELETE, as, url(path)).send());
  }

  private HttpRequest<Buffer> request(HttpMethod method, Account as, String url) {
    return client.requestAbs(method, url).basicAuthentication(as.sid(), as.authToken());
  }

  private String url(String pathOrUrl) {
    return pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl;
  }

  private static Future<Answer> send(Future<HttpResponse<Buffer>> response) {
    return response.map(answer -> new Answer(answer.statusCode(),
        answer.body() == null || answer.body().length() == 0 ? null : answer.bodyAsJsonObject()));
  }
}
