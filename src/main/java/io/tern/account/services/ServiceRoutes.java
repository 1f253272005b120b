package io.tern.account.services;

import io.tern.Components;
import io.tern.account.WebhookHosts;
import io.tern.api.ApiModule;
import io.tern.api.ListEnvelope;
import io.tern.api.PageParams;
import io.tern.api.Responses;
import io.tern.api.Routes;
import io.tern.message.TwilioError;
import io.tern.store.AccountRegistry;
import io.tern.store.NotFoundException;
import io.tern.message.Sids;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Messaging Services: {@code /v1/Services} and {@code /v1/Services/{Sid}} (reference §2.2). */
public final class ServiceRoutes implements ApiModule {
  private static final String SERVICES = ServiceJson.SERVICES_PATH;

  private final AccountRegistry accounts;
  private final CallerServices services;
  private final Clock clock;
  private final WebhookHosts webhooks;

  public ServiceRoutes(Components components, WebhookHosts webhooks) {
    this.accounts = components.accounts();
    this.services = new CallerServices(accounts, components.config().http().publicBaseUrl());
    this.clock = components.clock();
    this.webhooks = webhooks;
  }

  @Override
  public void mount(Router router) {
    Routes.on(router, HttpMethod.POST, SERVICES, this::create);
    Routes.on(router, HttpMethod.GET, SERVICES, this::list);
    Routes.on(router, HttpMethod.GET, SERVICES + "/{Sid}", this::fetch);
    Routes.on(router, HttpMethod.POST, SERVICES + "/{Sid}", this::update);
    Routes.on(router, HttpMethod.DELETE, SERVICES + "/{Sid}", this::delete);
  }

  private Future<?> create(RoutingContext ctx) {
    return services.caller(ctx)
        .map(account -> ServiceParameters.create(ctx.request().formAttributes(),
            Sids.generate(Sids.SERVICE), account.sid(), now()))
        .compose(service -> checkWebhooks(ctx).map(service))
        .compose(accounts::createService)
        .compose(created -> Responses.json(ctx, 201, ServiceJson.render(created, services.baseUrl(ctx))));
  }

  private Future<?> list(RoutingContext ctx) {
    PageParams params = PageParams.from(ctx.queryParams());
    String baseUrl = services.baseUrl(ctx);
    return services.caller(ctx)
        .compose(account -> accounts.listServices(account.sid()))
        .compose(all -> Responses.json(ctx, 200, ListEnvelope.v1("services", baseUrl + SERVICES,
            params, all, service -> ServiceJson.render(service, baseUrl))));
  }

  private Future<?> fetch(RoutingContext ctx) {
    return services.find(ctx, ctx.pathParam("Sid"))
        .compose(service -> Responses.json(ctx, 200, ServiceJson.render(service, services.baseUrl(ctx))));
  }

  private Future<?> update(RoutingContext ctx) {
    return services.find(ctx, ctx.pathParam("Sid"))
        .map(service -> ServiceParameters.update(service, ctx.request().formAttributes(), now()))
        .compose(changed -> checkWebhooks(ctx).map(changed))
        .compose(changed -> accounts.updateService(changed)
            // Deleted between the read and the write: gone, as if it had been gone before.
            .recover(failure -> Future.failedFuture(failure instanceof NotFoundException
                ? TwilioError.NOT_FOUND.with(ServiceJson.path(changed.sid())) : failure)))
        .compose(updated -> Responses.json(ctx, 200, ServiceJson.render(updated, services.baseUrl(ctx))));
  }

  /** Removes the service and its sender pool; the senders stay registered on the account. */
  private Future<?> delete(RoutingContext ctx) {
    return services.find(ctx, ctx.pathParam("Sid"))
        .compose(service -> accounts.deleteService(service.accountSid(), service.sid()))
        .compose(deleted -> Responses.noContent(ctx));
  }

  /** Only the URLs this request sets: a stored one is not judged again by an unrelated update. */
  private Future<Void> checkWebhooks(RoutingContext ctx) {
    return webhooks.check(ctx.request().formAttributes(),
        "InboundRequestUrl", "FallbackUrl", "StatusCallback");
  }

  private Instant now() {
    // Microseconds: what PostgreSQL keeps, so a stored service reads back equal.
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
