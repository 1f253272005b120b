package io.tern.account.services;

import io.tern.Gateway;
import io.tern.store.Account;
import io.tern.testing.ApiClient;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/**
 * {@link ApiClient} calls as any of several accounts, each answered as its status and JSON
 * (v1 paging URLs are followed verbatim).
 */
final class ApiCalls {
  private final WebClient client;
  private final Gateway gateway;

  ApiCalls(WebClient client, Gateway gateway) {
    this.client = client;
    this.gateway = gateway;
  }

  /** A JSON answer and its status. */
  record Answer(int status, JsonObject json) {}

  Future<Answer> post(Account as, String path, String... form) {
    return answer(api(as).post(path, ApiClient.form(form)));
  }

  Future<Answer> get(Account as, String pathOrUrl) {
    return answer(api(as).get(pathOrUrl));
  }

  Future<Answer> delete(Account as, String path) {
    return answer(api(as).delete(path));
  }

  private ApiClient api(Account as) {
    return ApiClient.as(client, gateway, as);
  }

  private static Future<Answer> answer(Future<HttpResponse<Buffer>> response) {
    return response.map(answer -> new Answer(answer.statusCode(),
        answer.body() == null || answer.body().length() == 0 ? null : answer.bodyAsJsonObject()));
  }
}
