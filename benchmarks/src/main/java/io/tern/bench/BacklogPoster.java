package io.tern.bench;

import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gives senders a backlog for the whole-path scenario: POSTs exactly {@code senders ×
 * perSender} messages to Messages.json, round-robin over the senders (so every sender's backlog
 * grows from the first second), with at most {@code concurrency} requests in flight. Prints one
 * JSON line: requests, 201s, other statuses, seconds taken.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.tern.bench.BacklogPoster BASE_URL ACCOUNT_SID
 * AUTH_TOKEN SENDERS PER_SENDER CONCURRENCY [STATUS_CALLBACK_URL]}. Senders are +1415555xxxx,
 * destinations +1212555xxxx, as the load script registers them.
 */
public final class BacklogPoster {
  private BacklogPoster() {}

  public static void main(String[] args) {
    URI base = URI.create(args[0]);
    String account = args[1];
    String token = args[2];
    int senders = Integer.parseInt(args[3]);
    int perSender = Integer.parseInt(args[4]);
    int concurrency = Integer.parseInt(args[5]);
    String callback = args.length > 6 ? args[6] : null;
    int total = senders * perSender;

    Vertx vertx = Vertx.vertx();
    WebClient client = WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost(base.getHost())
        .setDefaultPort(base.getPort())
        .setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(concurrency));
    String path = "/2010-04-01/Accounts/" + account + "/Messages.json";
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicInteger created = new AtomicInteger();
    Map<Integer, Integer> others = new TreeMap<>();
    Promise<Void> finished = Promise.promise();
    long started = System.nanoTime();

    Runnable[] sendNext = new Runnable[1];
    sendNext[0] = () -> {
      int n = next.getAndIncrement();
      if (n >= total) {
        return;
      }
      MultiMap form = MultiMap.caseInsensitiveMultiMap()
          .add("To", String.format("+1212555%04d", (n * 7 + n / senders) % 10_000))
          .add("From", String.format("+1415555%04d", n % senders))
          .add("Body", "Whole-path message " + n);
      if (callback != null) {
        form.add("StatusCallback", callback);
      }
      client.post(path).basicAuthentication(account, token).sendForm(form)
          .onComplete(result -> {
            synchronized (others) {
              if (result.succeeded() && result.result().statusCode() == 201) {
                created.incrementAndGet();
              } else {
                others.merge(result.succeeded() ? result.result().statusCode() : -1, 1, Integer::sum);
              }
            }
            if (done.incrementAndGet() == total) {
              finished.complete();
            } else {
              sendNext[0].run();
            }
          });
    };
    vertx.runOnContext(v -> {
      for (int i = 0; i < Math.min(concurrency, total); i++) {
        sendNext[0].run();
      }
    });
    finished.future().onComplete(v -> {
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf("{\"requests\":%d,\"created\":%d,\"others\":%s,\"seconds\":%.3f}%n",
          total, created.get(), json(others), seconds);
      vertx.close().onComplete(closed -> System.exit(0));
    });
  }

  private static String json(Map<Integer, Integer> counts) {
    StringBuilder out = new StringBuilder("{");
    counts.forEach((status, count) -> {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append('"').append(status).append("\":").append(count);
    });
    return out.append('}').toString();
  }
}
