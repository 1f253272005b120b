package io.tern.api;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/** Route helpers so each module reads as a list of Twilio's paths. */
public final class Routes {
  private Routes() {}

  /**
   * Routes {@code method template} to a handler returning a Future; a failed Future goes to
   * the failure handler, so handlers never write errors themselves.
   */
  public static Route on(Router router, HttpMethod method, String template,
      Function<RoutingContext, Future<?>> handler) {
    // Named after the template: metrics label requests by route, never by a path with sids.
    Route route = router.routeWithRegex(PathTemplate.regex(template)).method(method);
    if (method == HttpMethod.GET) {
      // HEAD is a GET whose body Vert.x leaves unwritten (its Content-Length stays).
      route.method(HttpMethod.HEAD);
    }
    return route
        .setName(template)
        .handler(ctx -> {
          try {
            handler.apply(ctx).onFailure(ctx::fail);
          } catch (RuntimeException e) {
            ctx.fail(e);
          }
        });
  }

  /** The scheme and host clients use, for absolute URLs (Messaging v1). */
  public static String baseUrl(RoutingContext ctx, String configured) {
    if (configured != null && !configured.isEmpty()) {
      return configured;
    }
    String host = ctx.request().authority() == null ? "localhost" : ctx.request().authority().toString();
    return ctx.request().scheme() + "://" + host;
  }
}
