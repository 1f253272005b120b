package io.tern;

import static io.tern.testing.ApiClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.health.HealthRoutes;
import io.tern.message.Message;
import io.tern.store.PhoneNumber;
import io.tern.message.Sids;
import io.tern.store.pg.PgStores;
import io.tern.testing.ApiClient;
import io.tern.testing.Eventually;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stop Kubernetes triggers with SIGTERM, on PostgreSQL: a creation still being validated
 * when the stop begins gets its 201, creations that arrive after it are refused cleanly, and
 * every 201 any client received is a row in the store afterwards.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 40, timeUnit = TimeUnit.SECONDS)
class GracefulStopTest {
  private static final String SENDER = "+14155550100";

  @Test
  void aCreationInFlightWhenTheStopBeginsIsAnsweredAndNothingAcceptedIsLost(
      Vertx vertx, VertxTestContext testContext) {
    String schema = TestGateway.uniqueSchema("stop");
    Map<String, String> env = new HashMap<>(TestGateway.postgres(schema));
    // Far longer than this test may run: the stop must end because the work is done.
    env.put("TERN_SHUTDOWN_GRACE_PERIOD_MILLIS", "600000");
    WebClient web = WebClient.create(vertx);
    HeldMedia media = new HeldMedia();

    media.start(vertx)
        .compose(listening -> TestGateway.start(vertx, env, Clock.systemUTC(), null))
        .compose(gateway -> addSender(gateway).compose(added -> {
          ApiClient api = ApiClient.as(web, gateway, gateway.mainAccount());
          String messages = "/2010-04-01/Accounts/" + gateway.mainAccount().sid() + "/Messages.json";
          // Waits in validation: its MediaUrl check hangs until the media host is released.
          Future<HttpResponse<Buffer>> inFlight = api.post(messages, form("To", "+14155550123",
              "From", SENDER, "Body", "in flight", "MediaUrl", media.url("/pic.png")));
          return media.firstRequest().compose(validating -> {
            Future<Void> stopped = gateway.stop();
            // Ingress closes its listening socket first; only then does the media host answer.
            return Eventually.poll(vertx,
                    () -> web.get(gateway.port(), "127.0.0.1", HealthRoutes.LIVE).send()
                        .map(answered -> false).otherwise(refused -> true),
                    refused -> refused, 10_000)
                .compose(refusing -> {
                  Future<Optional<HttpResponse<Buffer>>> late = api.post(messages,
                          form("To", "+14155550124", "From", SENDER, "Body", "too late"))
                      .map(Optional::of).otherwise(Optional.empty());
                  media.release();
                  return Future.all(inFlight, late, stopped).map(all -> {
                    List<HttpResponse<Buffer>> answers = new ArrayList<>();
                    answers.add(inFlight.result());
                    late.result().ifPresent(answers::add);
                    return answers;
                  });
                });
          }).compose(answers -> findStored(vertx, schema, gateway.mainAccount().sid(), answers)
              .map(stored -> new Outcome(answers, stored)));
        }))
        .eventually(media::close)
        .onComplete(testContext.succeeding(outcome -> testContext.verify(() -> {
          HttpResponse<Buffer> inFlight = outcome.answers().get(0);
          assertThat(inFlight.statusCode()).isEqualTo(201);
          // A request after the stop began never got in: refused at the connection.
          assertThat(outcome.answers()).hasSize(1);
          assertThat(outcome.stored()).hasSize(1);
          assertThat(outcome.stored().get(0).sid()).isEqualTo(inFlight.bodyAsJsonObject().getString("sid"));
          testContext.completeNow();
        })));
  }

  @Test
  void manyCreationsRacingTheStopEachGetA201ThatIsARowOrAreRefused(
      Vertx vertx, VertxTestContext testContext) {
    String schema = TestGateway.uniqueSchema("stop_race");
    Map<String, String> env = new HashMap<>(TestGateway.postgres(schema));
    // A client cut off mid-request can leave the server waiting for a body that never comes:
    // the grace period bounds that wait, and what was accepted must be stored either way.
    env.put("TERN_SHUTDOWN_GRACE_PERIOD_MILLIS", "5000");
    WebClient web = WebClient.create(vertx);
    TestGateway.start(vertx, env, Clock.systemUTC(), null)
        .compose(gateway -> addSender(gateway).compose(added -> {
          ApiClient api = ApiClient.as(web, gateway, gateway.mainAccount());
          String messages = "/2010-04-01/Accounts/" + gateway.mainAccount().sid() + "/Messages.json";
          List<Future<Optional<HttpResponse<Buffer>>>> creations = new ArrayList<>();
          Promise<Void> stopped = Promise.promise();
          AtomicInteger answered = new AtomicInteger();
          for (int i = 0; i < 60; i++) {
            creations.add(api.post(messages, form("To", "+1415555" + (1000 + i), "From", SENDER,
                    "Body", "racing " + i))
                .onComplete(done -> {
                  // The stop begins while most creations are still queued or in flight.
                  if (answered.incrementAndGet() == 10) {
                    gateway.stop().onComplete(stopped);
                  }
                })
                .map(Optional::of).otherwise(Optional.empty()));
          }
          return Future.join(creations).transform(all -> stopped.future()).map(done -> {
            List<HttpResponse<Buffer>> answers = new ArrayList<>();
            creations.forEach(creation -> creation.result().ifPresent(answers::add));
            return answers;
          }).compose(answers -> findStored(vertx, schema, gateway.mainAccount().sid(), answers)
              .map(stored -> new Outcome(answers, stored)));
        }))
        .onComplete(testContext.succeeding(outcome -> testContext.verify(() -> {
          List<String> created = outcome.answers().stream()
              .filter(answer -> answer.statusCode() == 201)
              .map(answer -> answer.bodyAsJsonObject().getString("sid"))
              .toList();
          // Refusals happen at the connection; an answer other than 201 would be Twilio's error.
          assertThat(outcome.answers()).allSatisfy(answer -> {
            if (answer.statusCode() != 201) {
              assertThat(answer.bodyAsJsonObject().getInteger("code")).isNotNull();
            }
          });
          assertThat(created).isNotEmpty();
          assertThat(outcome.stored()).extracting(Message::sid).containsExactlyInAnyOrderElementsOf(created);
          testContext.completeNow();
        })));
  }

  private record Outcome(List<HttpResponse<Buffer>> answers, List<Message> stored) {}

  private static Future<Void> addSender(Gateway gateway) {
    Instant now = Instant.now();
    return gateway.components().accounts().addPhoneNumber(new PhoneNumber(
        Sids.generate(Sids.PHONE_NUMBER), gateway.mainAccount().sid(), SENDER,
        null, null, null, null, now, now)).mapEmpty();
  }

  /** Each answered sid as the store has it, read through a pool of the test's own. */
  private static Future<List<Message>> findStored(Vertx vertx, String schema, String accountSid,
      List<HttpResponse<Buffer>> answers) {
    return PgStores.open(vertx, TestGateway.DATABASE_URL, schema).compose(stores -> {
      List<Future<Optional<Message>>> finds = answers.stream()
          .filter(answer -> answer.statusCode() == 201)
          .map(answer -> stores.messageStore().find(accountSid, answer.bodyAsJsonObject().getString("sid")))
          .toList();
      return Future.all(finds)
          .map(all -> finds.stream().map(Future::result).flatMap(Optional::stream).toList())
          .eventually(stores::close);
    });
  }

  /** A media host that holds every request until released, then answers with a small PNG. */
  private static final class HeldMedia {
    private static final byte[] PNG = png();
    private final List<HttpServerRequest> held = new ArrayList<>();
    private final Promise<Void> first = Promise.promise();
    private boolean released;
    private HttpServer server;

    Future<Void> start(Vertx vertx) {
      server = vertx.createHttpServer().requestHandler(request -> {
        first.tryComplete();
        if (!hold(request)) {
          answer(request);
        }
      });
      return server.listen(0, "127.0.0.1").mapEmpty();
    }

    private synchronized boolean hold(HttpServerRequest request) {
      if (!released) {
        held.add(request);
      }
      return !released;
    }

    String url(String path) {
      return "http://127.0.0.1:" + server.actualPort() + path;
    }

    Future<Void> firstRequest() {
      return first.future();
    }

    void release() {
      List<HttpServerRequest> waiting;
      synchronized (this) {
        released = true;
        waiting = new ArrayList<>(held);
        held.clear();
      }
      waiting.forEach(this::answer);
    }

    Future<Void> close() {
      return server.close();
    }

    private void answer(HttpServerRequest request) {
      request.response().putHeader("Content-Type", "image/png")
          .putHeader("Content-Length", Integer.toString(PNG.length));
      if (request.method() == HttpMethod.HEAD) {
        request.response().end();
      } else {
        request.response().end(Buffer.buffer(PNG));
      }
    }

    private static byte[] png() {
      try {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
