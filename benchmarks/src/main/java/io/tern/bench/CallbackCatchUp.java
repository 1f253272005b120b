package io.tern.bench;

import io.tern.Gateway;
import io.tern.config.ConfigLoader;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * How long a receiver that comes back waits for its backlog: a gateway on PostgreSQL (default
 * callback settings: backoff from 1 s, up to 10 min per callback) sends {@code MESSAGES} messages
 * whose StatusCallback points at a port where nothing listens; {@code DOWN_SECONDS} later a
 * receiver starts there. Prints, from the moment it listens, when the last of the waiting
 * callbacks ({@code sent}) arrived, when every callback ({@code sent} and {@code delivered})
 * had, and checks none came twice, unsigned or out of order. Everything is on 127.0.0.1.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.tern.bench.CallbackCatchUp [MESSAGES] [DOWN_SECONDS]}
 * (defaults 1000 and 60); {@code TERN_DATABASE_URL} and {@code TERN_DATABASE_SCHEMA} as for the
 * gateway (default: the test database, a fresh schema the run leaves behind for inspection).
 */
public final class CallbackCatchUp {
  private static final String FROM = "+447700900100";
  private static final String TO = "+447700900123";

  private CallbackCatchUp() {}

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int downSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    int apiPort = freePort();
    int receiverPort = freePort();
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putIfAbsent("TERN_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test");
    env.putIfAbsent("TERN_DATABASE_SCHEMA", "callback_catchup_" + UUID.randomUUID().toString().substring(0, 8));
    env.put("TERN_HTTP_HOST", "127.0.0.1");
    env.put("TERN_HTTP_PORT", String.valueOf(apiPort));
    env.put("TERN_OUTBOUND_ALLOW_LOOPBACK", "true");
    env.put("TERN_CARRIER_SIMULATED_DELIVERY_REPORT_DELAY_MILLIS", "50");

    Vertx vertx = Vertx.vertx();
    Gateway gateway = await(Gateway.start(vertx, ConfigLoader.bind(new JsonObject(), env)));
    String account = gateway.mainAccount().sid();
    WebClient web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(apiPort));
    String base = "/2010-04-01/Accounts/" + account;
    await(web.post(base + "/IncomingPhoneNumbers.json")
        .basicAuthentication(account, gateway.mainAccount().authToken())
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("PhoneNumber", FROM).add("Throughput", "1000")));

    String url = "http://127.0.0.1:" + receiverPort + "/status";
    List<Future<?>> creates = new ArrayList<>();
    for (int i = 0; i < messages; i++) {
      creates.add(web.post(base + "/Messages.json")
          .basicAuthentication(account, gateway.mainAccount().authToken())
          .sendForm(MultiMap.caseInsensitiveMultiMap().add("To", TO).add("From", FROM)
              .add("Body", "catch-up " + i).add("StatusCallback", url))
          .map(response -> {
            if (response.statusCode() != 201) {
              throw new IllegalStateException("create answered " + response.statusCode());
            }
            return null;
          }));
      if (creates.size() % 64 == 0) {
        await(Future.all(creates.subList(creates.size() - 64, creates.size())));
      }
    }
    await(Future.all(creates));
    System.out.printf("%d messages created; receiver down for %d s%n", messages, downSeconds);
    Thread.sleep(TimeUnit.SECONDS.toMillis(downSeconds));

    Map<String, List<String>> statuses = new HashMap<>();
    Set<String> tokens = new HashSet<>();
    int[] duplicates = {0};
    int[] unsigned = {0};
    long[] lastSentNanos = {0};
    long[] allNanos = {0};
    int[] sentCount = {0};
    int[] total = {0};
    CompletableFuture<Void> done = new CompletableFuture<>();
    long[] upNanos = {0};
    HttpServer receiver = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      long now = System.nanoTime();
      MultiMap form = io.vertx.core.MultiMap.caseInsensitiveMultiMap();
      new io.netty.handler.codec.http.QueryStringDecoder(body.toString(), false).parameters()
          .forEach((name, values) -> form.add(name, values.get(0)));
      if (!tokens.add(request.getHeader("I-Twilio-Idempotency-Token"))) {
        duplicates[0]++;
      }
      if (request.getHeader("X-Twilio-Signature") == null) {
        unsigned[0]++;
      }
      String status = form.get("MessageStatus");
      statuses.computeIfAbsent(form.get("MessageSid"), sid -> new ArrayList<>()).add(status);
      if ("sent".equals(status) && ++sentCount[0] == messages) {
        lastSentNanos[0] = now;
      }
      if (++total[0] == 2 * messages) {
        allNanos[0] = now;
        done.complete(null);
      }
      request.response().setStatusCode(200).end();
    }));
    await(receiver.listen(receiverPort, "127.0.0.1"));
    upNanos[0] = System.nanoTime();
    done.get(15, TimeUnit.MINUTES);

    long outOfOrder = statuses.values().stream()
        .filter(list -> !list.equals(List.of("sent", "delivered"))).count();
    System.out.printf("waiting callbacks (sent): last arrived %.2f s after the receiver came back%n",
        (lastSentNanos[0] - upNanos[0]) / 1e9);
    System.out.printf("all %d callbacks: %.2f s; duplicates %d, unsigned %d, out of order %d%n",
        2 * messages, (allNanos[0] - upNanos[0]) / 1e9, duplicates[0], unsigned[0], outOfOrder);
    System.out.println("schema " + env.get("TERN_DATABASE_SCHEMA"));
    await(gateway.stop());
    await(vertx.close());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
