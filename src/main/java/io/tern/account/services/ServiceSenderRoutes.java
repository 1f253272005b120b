package io.tern.account.services;

import io.tern.Components;
import io.tern.api.ApiModule;
import io.tern.api.ListEnvelope;
import io.tern.api.PageParams;
import io.tern.api.Responses;
import io.tern.api.Routes;
import io.tern.message.TwilioError;
import io.tern.store.Account;
import io.tern.store.AccountRegistry;
import io.tern.store.DuplicateException;
import io.tern.store.MessagingService;
import io.tern.store.NotFoundException;
import io.tern.store.ServiceSender;
import io.tern.message.Sids;
import io.tern.message.AlphaSenderId;
import io.tern.message.PhoneNumbers;
import io.tern.message.ParsedNumber;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The sender pool of a Messaging Service: {@code /v1/Services/{ServiceSid}/PhoneNumbers},
 * {@code /ShortCodes} and {@code /AlphaSenders} (reference §2.2). Numbers and short codes join
 * by the sid they were registered with on the same account; alphanumeric IDs are created here.
 */
public final class ServiceSenderRoutes implements ApiModule {
  /** Twilio's default limit of senders in one service's pool (21714 beyond it). */
  public static final int POOL_LIMIT = 400;

  private final AccountRegistry accounts;
  private final CallerServices services;
  private final Clock clock;

  public ServiceSenderRoutes(Components components) {
    this.accounts = components.accounts();
    this.services = new CallerServices(accounts, components.config().http().publicBaseUrl());
    this.clock = components.clock();
  }

  @Override
  public void mount(Router router) {
    for (SenderResource resource : SenderResource.values()) {
      String list = ServiceJson.SERVICES_PATH + "/{ServiceSid}/" + resource.pathSegment();
      Routes.on(router, HttpMethod.POST, list, ctx -> create(ctx, resource));
      Routes.on(router, HttpMethod.GET, list, ctx -> list(ctx, resource));
      Routes.on(router, HttpMethod.GET, list + "/{Sid}", ctx -> fetch(ctx, resource));
      Routes.on(router, HttpMethod.DELETE, list + "/{Sid}", ctx -> delete(ctx, resource));
    }
  }

  // Create

  private Future<?> create(RoutingContext ctx, SenderResource resource) {
    String requested = ctx.request().formAttributes().get(resource.createParameter());
    if (requested == null || requested.isEmpty()) {
      return Future.failedFuture(TwilioError.BAD_REQUEST.with(
          "Missing required parameter " + resource.createParameter() + " in the post body"));
    }
    return services.caller(ctx).compose(account -> services.find(account, ctx.pathParam("ServiceSid"))
        .compose(service -> candidate(resource, account, service, requested, now())
            .compose(candidate -> join(ctx, resource, service, candidate))));
  }

  /** The sender the request names, checked against the caller's account; not yet pooled. */
  private Future<ServiceSender> candidate(SenderResource resource, Account account,
      MessagingService service, String requested, Instant now) {
    return switch (resource) {
      case PHONE_NUMBERS -> registeredNumber(account, service, requested, now);
      case SHORT_CODES -> registeredShortCode(account, service, requested, now);
      case ALPHA_SENDERS -> alphaSender(account, service, requested, now);
    };
  }

  private Future<ServiceSender> registeredNumber(Account account, MessagingService service,
      String sid, Instant now) {
    if (!Sids.isSid(sid, Sids.PHONE_NUMBER)) {
      return Future.failedFuture(TwilioError.INVALID_SENDER_SID.with(sid));
    }
    return accounts.findPhoneNumber(account.sid(), sid).compose(found -> found
        .map(number -> Future.succeededFuture(new ServiceSender(number.sid(), account.sid(),
            service.sid(), ServiceSender.Kind.PHONE_NUMBER, number.phoneNumber(),
            PhoneNumbers.parseE164(number.phoneNumber()).map(ParsedNumber::regionCode).orElse(null),
            now, now)))
        .orElseGet(() -> Future.failedFuture(TwilioError.INVALID_SENDER_SID.with(sid))));
  }

  private Future<ServiceSender> registeredShortCode(Account account, MessagingService service,
      String sid, Instant now) {
    if (!Sids.isSid(sid, Sids.SHORT_CODE)) {
      return Future.failedFuture(TwilioError.INVALID_SENDER_SID.with(sid));
    }
    return accounts.findShortCode(account.sid(), sid).compose(found -> found
        .map(code -> Future.succeededFuture(new ServiceSender(code.sid(), account.sid(),
            service.sid(), ServiceSender.Kind.SHORT_CODE, code.shortCode(), code.countryCode(),
            now, now)))
        .orElseGet(() -> Future.failedFuture(TwilioError.INVALID_SENDER_SID.with(sid))));
  }

  /** Checked as {@code From} is (reference §10): format first, then the trial rule. */
  private Future<ServiceSender> alphaSender(Account account, MessagingService service,
      String alphaSender, Instant now) {
    if (!AlphaSenderId.isValid(alphaSender)) {
      return Future.failedFuture(TwilioError.INVALID_ALPHA_SENDER.with(alphaSender));
    }
    if (account.isTrial()) {
      return Future.failedFuture(TwilioError.ALPHA_SENDER_ON_TRIAL.with(alphaSender));
    }
    return Future.succeededFuture(new ServiceSender(Sids.generate(Sids.ALPHA_SENDER), account.sid(),
        service.sid(), ServiceSender.Kind.ALPHA_SENDER, alphaSender, null, now, now));
  }

  /**
   * Adds the sender to the pool. A number or short code already in this very pool is answered
   * with 200 and the pool's record (the spec's second success status), so a retried request is
   * harmless; in another service's pool it is refused with 21712.
   */
  private Future<?> join(RoutingContext ctx, SenderResource resource, MessagingService service,
      ServiceSender candidate) {
    return pool(service).compose(pool -> {
      Optional<ServiceSender> present = pool.stream()
          .filter(member -> member.kind() == candidate.kind())
          .filter(member -> resource == SenderResource.ALPHA_SENDERS
              || member.sid().equals(candidate.sid()))
          .findFirst();
      if (present.isPresent()) {
        return resource == SenderResource.ALPHA_SENDERS
            // One alphanumeric ID per service: it is what the pool sends from where IDs work.
            ? Future.failedFuture(TwilioError.SERVICE_HAS_ALPHA_SENDER.with(
                service.sid(), present.get().value()))
            : Responses.json(ctx, 200, ServiceSenderJson.render(present.get(), services.baseUrl(ctx)));
      }
      if (pool.size() >= POOL_LIMIT) {
        return Future.failedFuture(TwilioError.SERVICE_POOL_FULL.with(service.sid()));
      }
      return accounts.addServiceSender(candidate)
          .recover(failure -> Future.failedFuture(translate(failure, resource, service, candidate)))
          .compose(added -> Responses.json(ctx, 201,
              ServiceSenderJson.render(added, services.baseUrl(ctx))));
    });
  }

  /**
   * The store's refusals in Twilio's words. A duplicate that got past the pool check above lost
   * a race: for a number or short code that is another pool's (or this one's, an instant ago).
   */
  private static Throwable translate(Throwable failure, SenderResource resource,
      MessagingService service, ServiceSender candidate) {
    if (failure instanceof DuplicateException) {
      return resource == SenderResource.ALPHA_SENDERS
          ? TwilioError.SERVICE_HAS_ALPHA_SENDER.with(service.sid(), candidate.value())
          : TwilioError.SENDER_IN_OTHER_SERVICE.with(candidate.value());
    }
    if (failure instanceof NotFoundException) {
      // The service was deleted while the sender was being added.
      return TwilioError.NOT_FOUND.with(ServiceJson.path(service.sid()));
    }
    return failure;
  }

  /** Every sender of the service, all kinds: the limit counts the whole pool. */
  private Future<List<ServiceSender>> pool(MessagingService service) {
    return accounts.listServiceSenders(service.accountSid(), service.sid(), null);
  }

  // Read and remove

  private Future<?> list(RoutingContext ctx, SenderResource resource) {
    PageParams params = PageParams.from(ctx.queryParams());
    String baseUrl = services.baseUrl(ctx);
    return services.find(ctx, ctx.pathParam("ServiceSid"))
        .compose(service -> accounts.listServiceSenders(service.accountSid(), service.sid(), resource.kind())
            .compose(senders -> Responses.json(ctx, 200, ListEnvelope.v1(resource.listKey(),
                baseUrl + resource.listPath(service.sid()), params, senders,
                sender -> ServiceSenderJson.render(sender, baseUrl)))));
  }

  private Future<?> fetch(RoutingContext ctx, SenderResource resource) {
    return findSender(ctx, resource)
        .compose(sender -> Responses.json(ctx, 200, ServiceSenderJson.render(sender, services.baseUrl(ctx))));
  }

  /** Takes the sender out of the pool; a number or short code stays registered on the account. */
  private Future<?> delete(RoutingContext ctx, SenderResource resource) {
    return findSender(ctx, resource)
        .compose(sender -> accounts.deleteServiceSender(sender.accountSid(), sender.serviceSid(), sender.sid()))
        .compose(deleted -> Responses.noContent(ctx));
  }

  private Future<ServiceSender> findSender(RoutingContext ctx, SenderResource resource) {
    String sid = ctx.pathParam("Sid");
    return services.find(ctx, ctx.pathParam("ServiceSid"))
        .compose(service -> accounts.findServiceSender(service.accountSid(), service.sid(), sid)
            .compose(found -> found
                .filter(resource::holds)
                .map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(TwilioError.NOT_FOUND.with(
                    resource.listPath(service.sid()) + "/" + sid)))));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
