package io.tern.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The peer baseline of the load test: the ceiling of this machine for the same requests. Vert.x
 * with the same HTTP set-up as Tern's ingress (Vert.x Web router, a body handler that reads the
 * form, one verticle per core), answering each {@code POST .../Messages.json} with 201 and a
 * small JSON body holding a sid, without authenticating, validating or storing anything.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.tern.bench.BareServer PORT}; listens on 127.0.0.1
 * and prints "listening on PORT" when ready.
 */
public final class BareServer extends VerticleBase {
  private final int port;

  private BareServer(int port) {
    this.port = port;
  }

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
    Vertx vertx = Vertx.vertx();
    int instances = Runtime.getRuntime().availableProcessors();
    vertx.deployVerticle(() -> new BareServer(port), new DeploymentOptions().setInstances(instances))
        .onSuccess(id -> System.out.println("listening on " + port))
        .onFailure(failure -> {
          failure.printStackTrace();
          System.exit(1);
        });
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false)
        .setBodyLimit(1_048_576)
        .setMergeFormAttributes(false));
    router.post("/2010-04-01/Accounts/:account/Messages.json").handler(ctx -> {
      var form = ctx.request().formAttributes();
      // Read what Tern reads first, so the parsing is not optimised away or skipped.
      String to = form.get("To");
      String from = form.get("From");
      String body = form.get("Body");
      if (to == null || from == null || body == null) {
        ctx.response().setStatusCode(400).end();
        return;
      }
      ThreadLocalRandom random = ThreadLocalRandom.current();
      String sid = "SM" + hex(random.nextLong()) + hex(random.nextLong());
      ctx.response()
          .setStatusCode(201)
          .putHeader("Content-Type", "application/json")
          .end(new JsonObject()
              .put("sid", sid)
              .put("to", to)
              .put("from", from)
              .put("status", "queued")
              .encode());
    });
    return vertx.createHttpServer(new HttpServerOptions()
            .setHost("127.0.0.1")
            .setPort(port)
            .setCompressionSupported(false))
        .requestHandler(router)
        .listen();
  }

  private static String hex(long value) {
    String digits = Long.toHexString(value);
    return "0".repeat(16 - digits.length()) + digits;
  }
}
