package io.tern.api;

import io.tern.logging.RequestLog;
import io.tern.Components;
import io.tern.message.ApiError;
import io.tern.message.TwilioError;
import io.tern.validation.ValidationStage;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
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
  private ValidationStage validation;

  /**
   * @param modules builds this instance's modules (given the verticle, for its Vert.x instance)
   */
  public IngressVerticle(Components components, Function<IngressVerticle, List<ApiModule>> modules) {
    this.components = components;
    this.modules = modules;
  }

  @Override
  public Future<?> start() {
    validation = ValidationStage.create(vertx, components);
    long bodyLimit = components.config().http().bodyLimitBytes();
    HttpOptions http = components.config().http();
    SlowClientGuard slowClients = new SlowClientGuard(vertx, http.requestHeadersTimeoutMillis());
    Router router = Router.router(vertx);
    router.route().handler(new RequestLog(components.config().log().accessLog()));
    router.route().handler(slowClients::handle);
    // A body sent with a GET or HEAD is left unread rather than decoded as a form, which Vert.x
    // refuses for those methods. (Not a method-restricted route: one would turn every unknown
    // path's 404 into a 405.)
    FormBodyHandler forms = new FormBodyHandler(bodyLimit);
    router.route().handler(ctx -> {
      HttpMethod method = ctx.request().method();
      if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
        ctx.next();
      } else {
        forms.handle(ctx);
      }
    });
    router.route().handler(RequestScreen::forms);
    Authentication authentication = new Authentication(components.accounts());
    router.route("/2010-04-01/*").handler(authentication::handle);
    router.route("/v1/*").handler(authentication::handle);
    modules.apply(this).forEach(module -> module.mount(router));
    router.route().failureHandler(ctx -> Responses.failure(ctx, bodyLimit));
    // No route matched: Vert.x Web answers through its error handlers, not the failure handler.
    router.errorHandler(404, ctx -> Responses.failure(ctx, bodyLimit));
    router.errorHandler(405, ctx -> Responses.failure(ctx, bodyLimit));

    // The multipart form decoder's own limits sit at the body limit, so the body limit (413)
    // and the message rules (Body length 21617, MediaUrl count 21623) decide, not Vert.x's
    // defaults (8,192 characters, 256 fields) with a bare 400. (Urlencoded forms are decoded by
    // FormBodyHandler, within the body limit alone.)
    // Past the body limit by one decoder chunk, so the body limit is always hit first.
    int formLimit = (int) Math.min(Integer.MAX_VALUE,
        bodyLimit + HttpServerOptions.DEFAULT_MAX_CHUNK_SIZE);
    HttpServerOptions options = new HttpServerOptions()
        .setHost(http.host())
        .setPort(http.port())
        .setCompressionSupported(false)
        .setMaxFormAttributeSize(formLimit)
        .setMaxFormBufferedBytes(formLimit)
        .setMaxFormFields(Math.max(256, formLimit / 2))
        .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, http.idleTimeoutMillis()))
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        // HTTP/1.1 only: without an h2c preface to wait for, a connection is known to the
        // slow-client guard from its first moment, not from its first byte.
        .setHttp2ClearTextEnabled(false);
    return vertx.createHttpServer(options)
        .connectionHandler(slowClients::connected)
        .invalidRequestHandler(request -> reject(request, RequestScreen.undecodable(request)))
        // Tern has no WebSocket API. Setting this handler is also what lets a request with an
        // HTTP version Vert.x does not know (http/1.1 in lower case) reach requestHandler for
        // a JSON answer instead of Vert.x's empty 501.
        .webSocketHandshakeHandler(handshake -> handshake.reject(404))
        .requestHandler(request -> {
          slowClients.requestStarted(request);
          ApiError refused = request.version() == null
              ? TwilioError.BAD_REQUEST.with("Unsupported HTTP version")
              : RequestScreen.beforeRouting(request);
          if (refused == null) {
            router.handle(request);
          } else {
            reject(request, refused);
          }
        })
        .listen()
        .onSuccess(listening -> server = listening);
  }

  private static void reject(HttpServerRequest request, ApiError error) {
    Responses.rejected(request.response(), error)
        .onComplete(written -> request.connection().close());
  }

  /**
   * Stops accepting connections and lets the requests in flight finish (within the shutdown
   * grace period), so a creation under validation when the stop began still gets its answer.
   */
  @Override
  public Future<?> stop() {
    Future<Void> shutdown = server == null ? Future.succeededFuture()
        : server.shutdown(components.config().shutdown().gracePeriodMillis(), TimeUnit.MILLISECONDS);
    return shutdown.eventually(() -> validation.close());
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

  /** This instance's validation of new messages, run on its event loop. */
  public ValidationStage validation() {
    return validation;
  }
}
