package io.tern.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class RequestLogTest {
  private final ListAppender<ILoggingEvent> access = new ListAppender<>();
  private final Logger accessLogger = (Logger) LoggerFactory.getLogger("tern.access");

  @BeforeEach
  void listen() {
    access.start();
    accessLogger.addAppender(access);
  }

  @AfterEach
  void stopListening() {
    accessLogger.detachAppender(access);
  }

  @Test
  void everyRequestGetsAnIdAndAnAccessLineCarryingIt(Vertx vertx, VertxTestContext testContext) {
    WebClient web = WebClient.create(vertx);
    server(vertx, true)
        .compose(server -> web.get(server.actualPort(), "127.0.0.1", "/hello").send()
            .compose(generated -> web.get(server.actualPort(), "127.0.0.1", "/hello")
                .putHeader(RequestLog.HEADER, "caller-id-1").send()
                .map(given -> List.of(generated, given))))
        .onComplete(testContext.succeeding(responses -> testContext.verify(() -> {
          HttpResponse<?> generated = responses.get(0);
          String id = generated.getHeader(RequestLog.HEADER);
          assertThat(id).matches("[0-9a-f]{32}");
          assertThat(responses.get(1).getHeader(RequestLog.HEADER)).isEqualTo("caller-id-1");
          assertThat(access.list).hasSize(2);
          ILoggingEvent first = access.list.get(0);
          assertThat(first.getFormattedMessage()).startsWith("GET /hello 200 5 ");
          assertThat(first.getMDCPropertyMap()).containsEntry(RequestLog.MDC_KEY, id);
          assertThat(access.list.get(1).getMDCPropertyMap()).containsEntry(RequestLog.MDC_KEY, "caller-id-1");
          testContext.completeNow();
        })));
  }

  @Test
  void anIdThatIsNoPlainTokenIsReplacedAndTheAccessLogIsOffByDefault(Vertx vertx, VertxTestContext testContext) {
    WebClient web = WebClient.create(vertx);
    server(vertx, false)
        .compose(server -> web.get(server.actualPort(), "127.0.0.1", "/hello")
            .putHeader(RequestLog.HEADER, "bad id\twith spaces").send())
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertThat(response.getHeader(RequestLog.HEADER)).matches("[0-9a-f]{32}");
          assertThat(access.list).isEmpty();
          testContext.completeNow();
        })));
  }

  private static Future<HttpServer> server(Vertx vertx, boolean accessLog) {
    Router router = Router.router(vertx);
    router.route().handler(new RequestLog(accessLog));
    router.get("/hello").handler(ctx -> ctx.response().end("hello"));
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1");
  }
}
