package io.tern.logging;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives every API request an id (the caller's {@code X-Request-Id} when it is a plain token,
 * else a new one), answers it in {@code X-Request-Id}, and writes the access log line when
 * {@code log.accessLog} is on. Lines logged about a request carry the id as {@code request_id}
 * ({@link #withRequestId}): an event loop serves many requests in turn, so the id is set around
 * each log call rather than for a thread.
 */
public final class RequestLog implements Handler<RoutingContext> {
  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = "request_id";
  private static final String CONTEXT_KEY = "tern.requestId";
  private static final Pattern CALLERS_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Logger ACCESS = LoggerFactory.getLogger("tern.access");

  private final boolean accessLog;

  public RequestLog(boolean accessLog) {
    this.accessLog = accessLog;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String given = ctx.request().getHeader(HEADER);
    String id = given != null && CALLERS_ID.matcher(given).matches() ? given : newId();
    ctx.put(CONTEXT_KEY, id);
    ctx.response().putHeader(HEADER, id);
    if (accessLog) {
      long started = System.nanoTime();
      ctx.addEndHandler(ended -> withRequestId(ctx, () -> ACCESS.info("{} {} {} {} {}ms",
          ctx.request().method(), ctx.request().path(), ctx.response().getStatusCode(),
          ctx.response().bytesWritten(), (System.nanoTime() - started) / 1_000_000)));
    }
    ctx.next();
  }

  /** The request's id; null outside a request that passed this handler. */
  public static String requestId(RoutingContext ctx) {
    return ctx.get(CONTEXT_KEY);
  }

  /** Runs a log call with the request's id in the logging context. */
  public static void withRequestId(RoutingContext ctx, Runnable log) {
    String id = requestId(ctx);
    if (id == null) {
      log.run();
      return;
    }
    MDC.put(MDC_KEY, id);
    try {
      log.run();
    } finally {
      MDC.remove(MDC_KEY);
    }
  }

  private static String newId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return Long.toHexString(random.nextLong() | Long.MIN_VALUE) + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
  }
}
