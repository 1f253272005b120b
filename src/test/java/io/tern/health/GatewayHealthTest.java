package io.tern.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Gateway;
import io.tern.testing.Eventually;
import io.tern.testing.TcpProxy;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /health/live} and {@code /health/ready} as a Kubernetes probe sees them: live while the
 * event loops answer; ready only once everything is deployed, while the store is reachable, and
 * not once the gateway has begun to drain.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 40, timeUnit = TimeUnit.SECONDS)
class GatewayHealthTest {

  @Test
  void aRunningGatewayIsLiveWithACheckPerVerticleInstance(Vertx vertx, VertxTestContext testContext) {
    TestGateway.inMemory(vertx)
        .compose(gateway -> get(vertx, gateway, HealthRoutes.LIVE).eventually(gateway::stop))
        .onComplete(testContext.succeeding(live -> testContext.verify(() -> {
          assertThat(live.statusCode()).isEqualTo(200);
          JsonObject body = live.bodyAsJsonObject();
          assertThat(body.getString("status")).isEqualTo("UP");
          assertThat(ids(body.getJsonArray("checks"))).contains(
              "ingress-1", "ingress-2", "validation-1", "validation-2", "throttle-1",
              "throttle-8", "carrier-1", "status-writer-1", "sender-assignment-1",
              "scheduled-release-1");
          testContext.completeNow();
        })));
  }

  @Test
  void readyUntilTheGatewayBeginsToDrainThen503WithTheReason(Vertx vertx, VertxTestContext testContext) {
    TestGateway.inMemory(vertx).compose(gateway -> get(vertx, gateway, HealthRoutes.READY)
            .compose(ready -> {
              gateway.beginDrain();
              return get(vertx, gateway, HealthRoutes.READY).map(draining -> new Object[] {ready, draining});
            })
            .eventually(gateway::stop))
        .onComplete(testContext.succeeding(both -> testContext.verify(() -> {
          HttpResponse<?> ready = (HttpResponse<?>) both[0];
          HttpResponse<?> draining = (HttpResponse<?>) both[1];
          assertThat(ready.statusCode()).isEqualTo(200);
          assertThat(ids(ready.bodyAsJsonObject().getJsonArray("checks")))
              .contains("store", "deployments", "draining");
          assertThat(draining.statusCode()).isEqualTo(503);
          JsonObject body = draining.bodyAsJsonObject();
          assertThat(body.getString("status")).isEqualTo("DOWN");
          assertThat(check(body, "draining").getString("status")).isEqualTo("DOWN");
          assertThat(check(body, "draining").getJsonObject("data").getString("reason"))
              .isEqualTo("shutting down");
          assertThat(check(body, "store").getString("status")).isEqualTo("UP");
          testContext.completeNow();
        })));
  }

  @Test
  void notReadyWhilePostgresIsUnreachableAndReadyAgainWhenItIsBack(Vertx vertx, VertxTestContext testContext) {
    URI database = URI.create(TestGateway.DATABASE_URL.replaceFirst("^postgresql:", "http:"));
    String schema = TestGateway.uniqueSchema("health");
    TcpProxy.start(vertx, database.getHost(), database.getPort()).compose(proxy -> {
      String throughProxy = TestGateway.DATABASE_URL.replace(
          database.getHost() + ":" + database.getPort(), "127.0.0.1:" + proxy.port());
      return TestGateway.start(vertx, Map.of("TERN_DATABASE_URL", throughProxy,
              "TERN_DATABASE_SCHEMA", schema), Clock.systemUTC(), null)
          .compose(gateway -> get(vertx, gateway, HealthRoutes.READY)
              .compose(reachable -> {
                proxy.cut();
                return get(vertx, gateway, HealthRoutes.READY).compose(unreachable -> {
                  proxy.restore();
                  return Eventually.poll(vertx, () -> get(vertx, gateway, HealthRoutes.READY),
                          back -> back.statusCode() == 200, 10_000)
                      .map(back -> new JsonObject()
                          .put("reachable", reachable.statusCode())
                          .put("unreachable", unreachable.statusCode())
                          .put("unreachableBody", unreachable.bodyAsJsonObject())
                          .put("back", back.statusCode()));
                });
              })
              .compose(outcome -> get(vertx, gateway, HealthRoutes.LIVE)
                  .map(live -> outcome.put("liveWhileDown", live.statusCode())))
              .eventually(gateway::stop))
          .eventually(proxy::close);
    }).onComplete(testContext.succeeding(outcome -> testContext.verify(() -> {
      assertThat(outcome.getInteger("reachable")).isEqualTo(200);
      assertThat(outcome.getInteger("unreachable")).isEqualTo(503);
      JsonObject store = check(outcome.getJsonObject("unreachableBody"), "store");
      assertThat(store.getString("status")).isEqualTo("DOWN");
      assertThat(store.getJsonObject("data").getString("error")).isNotBlank();
      assertThat(check(outcome.getJsonObject("unreachableBody"), "draining").getString("status"))
          .isEqualTo("UP");
      assertThat(outcome.getInteger("back")).isEqualTo(200);
      assertThat(outcome.getInteger("liveWhileDown")).isEqualTo(200);
      testContext.completeNow();
    })));
  }

  private static Future<HttpResponse<Buffer>> get(Vertx vertx, Gateway gateway, String path) {
    return WebClient.create(vertx).get(gateway.port(), "127.0.0.1", path).send();
  }

  private static java.util.List<String> ids(JsonArray checks) {
    return checks.stream().map(check -> ((JsonObject) check).getString("id")).toList();
  }

  private static JsonObject check(JsonObject body, String id) {
    return body.getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(check -> id.equals(check.getString("id")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No check " + id + " in " + body.encode()));
  }
}
