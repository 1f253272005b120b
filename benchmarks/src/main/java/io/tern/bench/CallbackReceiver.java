package io.tern.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The local status-callback receiver of the whole-path scenario. Answers every POST with 200 and
 * writes one tab-separated line per callback: the instant it arrived (ISO 8601, microseconds),
 * MessageSid, MessageStatus, and whether an X-Twilio-Signature header came with it. The load
 * script compares the arrival instants with the status changes in the store to measure lag.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.tern.bench.CallbackReceiver PORT FILE}. One event
 * loop, so lines are written in arrival order without locking; the file is flushed every second
 * and when the process ends.
 */
public final class CallbackReceiver {
  private CallbackReceiver() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    BufferedWriter out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> flush(out)));
    Vertx vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setMergeFormAttributes(false));
    router.post().handler(ctx -> {
      Instant arrived = Instant.now();
      var form = ctx.request().formAttributes();
      try {
        out.write(arrived + "\t" + form.get("MessageSid") + "\t" + form.get("MessageStatus") + "\t"
            + (ctx.request().getHeader("X-Twilio-Signature") != null) + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      ctx.response().setStatusCode(200).end();
    });
    vertx.setPeriodic(1_000, id -> flush(out));
    vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
        .requestHandler(router)
        .listen()
        .onSuccess(server -> System.out.println("listening on " + server.actualPort()))
        .onFailure(failure -> {
          failure.printStackTrace();
          System.exit(1);
        });
  }

  private static synchronized void flush(BufferedWriter out) {
    try {
      out.flush();
    } catch (IOException ignored) {
      // Closed at exit: nothing more to write.
    }
  }
}
