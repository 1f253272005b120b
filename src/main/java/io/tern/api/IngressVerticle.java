package io.tern.api;

import io.tern.logging.RequestLog;
import io.tern.Components;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The HTTP front door: Basic authentication, form bodies within the size limit, Twilio error
 * mapping, and the routes of every API module. Several instances share one port; Vert.x spreads
 * connections across their event loops.
 */
public final class IngressVerticle extends VerticleBase {
  private final Components components;
  private final Function<IngressVerticle, List<ApiModule>> modules;
  private HttpServer server;

  /**
   * @param modules builds this instance's modules (given the verticle, for its Vert.x instance)
   */
  public IngressVerticle(Components components, Function<IngressVerticle, List<ApiModule>> modules) {
    this.components = components;
    this.modules = modules;
  }

  @Override
  public Future<?> start() {
    long bodyLimit = components.config().http().bodyLimitBytes();
    Router router = Router.router(vertx);
    router.route().handler(new RequestLog(components.config().log().accessLog()));
    router.route().handler(BodyHandler.create(false)
        .setBodyLimit(bodyLimit)
        .setMergeFormAttributes(false));
    Authentication authentication = new Authentication(components.accounts());
    router.route("/2010-04-01/*").handler(authentication::handle);
    router.route("/v1/*").handler(authentication::handle);
    modules.apply(this).forEach(module -> module.mount(router));
    router.route().failureHandler(ctx -> Responses.failure(ctx, bodyLimit));
    // No route matched: Vert.x Web answers through its error handlers, not the failure handler.
    router.errorHandler(404, ctx -> Responses.failure(ctx, bodyLimit));
    router.errorHandler(405, ctx -> Responses.failure(ctx, bodyLimit));

    HttpServerOptions options = new HttpServerOptions()
        .setHost(components.config().http().host())
        .setPort(components.config().http().port())
        .setCompressionSupported(false);
    return vertx.createHttpServer(options)
        .requestHandler(router)
        .listen()
        .onSuccess(listening -> server = listening);
  }

  /**
   * Stops accepting connections and lets the requests in flight finish (within the shutdown
   * grace period), so a creation under validation when the stop began still gets its answer.
   */
  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture()
        : server.shutdown(components.config().shutdown().gracePeriodMillis(), TimeUnit.MILLISECONDS);
  }

  /** The port actually bound (differs from the configured one when that is 0). */
  public int actualPort() {
    return server.actualPort();
  }

  public io.vertx.core.Vertx vertx() {
    return vertx;
  }

  public Components components() {
    return components;
  }
}
