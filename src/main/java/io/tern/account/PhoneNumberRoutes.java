package io.tern.account;

import io.tern.Components;
import io.tern.api.AccountScope;
import io.tern.api.ApiModule;
import io.tern.api.ListEnvelope;
import io.tern.api.PageParams;
import io.tern.api.Responses;
import io.tern.api.Routes;
import io.tern.message.TwilioError;
import io.tern.store.Account;
import io.tern.store.AccountRegistry;
import io.tern.store.DuplicateException;
import io.tern.store.PhoneNumber;
import io.tern.message.Sids;
import io.tern.message.ParsedNumber;
import io.tern.message.PhoneNumbers;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Predicate;

/**
 * The IncomingPhoneNumbers resource (reference §2.1). Tern does not sell numbers: an account
 * registers numbers it already owns, each on one account at a time, as senders.
 */
public final class PhoneNumberRoutes implements ApiModule {
  private static final String NUMBERS = "/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers";

  private final Components components;
  private final AccountRegistry accounts;
  private final AccountScope scope;
  private final WebhookHosts webhooks;

  public PhoneNumberRoutes(Components components, WebhookHosts webhooks) {
    this.components = components;
    this.accounts = components.accounts();
    this.scope = new AccountScope(accounts);
    this.webhooks = webhooks;
  }

  @Override
  public void mount(Router router) {
    Routes.on(router, HttpMethod.POST, NUMBERS + ".json", this::create);
    Routes.on(router, HttpMethod.GET, NUMBERS + ".json", this::list);
    Routes.on(router, HttpMethod.GET, NUMBERS + "/{Sid}.json", this::fetch);
    Routes.on(router, HttpMethod.DELETE, NUMBERS + "/{Sid}.json", this::delete);
  }

  private Future<?> create(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    return scope.activeTarget(ctx)
        .compose(account -> {
          PhoneNumber number = newNumber(account, form);
          return webhooks.check(form, "SmsUrl", "SmsFallbackUrl", "StatusCallback").map(number);
        })
        .compose(number -> accounts.addPhoneNumber(number).recover(failure -> Future.failedFuture(
            failure instanceof DuplicateException
                ? TwilioError.NUMBER_UNAVAILABLE.with(number.phoneNumber())
                : failure)))
        .compose(created -> Responses.json(ctx, 201, PhoneNumberJson.render(created)));
  }

  private PhoneNumber newNumber(Account account, MultiMap form) {
    String text = FormFields.optional(form, "PhoneNumber");
    if (text == null) {
      throw TwilioError.BAD_REQUEST.with(FormFields.optional(form, "AreaCode") != null
          ? "AreaCode is not supported: Tern registers numbers you already own, so give the"
              + " number itself as PhoneNumber in E.164 (+14155550100)"
          : "PhoneNumber is required, in E.164 (+14155550100)");
    }
    ParsedNumber parsed = PhoneNumbers.parseE164(text)
        .orElseThrow(() -> TwilioError.INVALID_PHONE_NUMBER.with(text));
    String friendlyName = FormFields.friendlyName(form);
    Instant now = components.clock().instant().truncatedTo(ChronoUnit.MICROS);
    return new PhoneNumber(Sids.generate(Sids.PHONE_NUMBER), account.sid(), parsed.e164(),
        friendlyName != null ? friendlyName : NumberDescription.friendlyName(parsed.e164()),
        FormFields.url(form, "SmsUrl"), FormFields.method(form, "SmsMethod"),
        FormFields.url(form, "SmsFallbackUrl"), FormFields.method(form, "SmsFallbackMethod"),
        FormFields.statusCallback(form),
        FormFields.throughput(form), now, now);
  }

  private Future<?> list(RoutingContext ctx) {
    PageParams params = PageParams.from(ctx.queryParams());
    ListFilters filters = new ListFilters(ctx.queryParams());
    Predicate<PhoneNumber> matches = matcher(filters);
    return scope.activeTarget(ctx)
        .compose(account -> accounts.listPhoneNumbers(account.sid())
            .compose(all -> Responses.json(ctx, 200, ListEnvelope.v2010("incoming_phone_numbers",
                PhoneNumberJson.listPath(account.sid()) + ".json", filters.echoed(), params,
                all.stream().filter(matches).toList(), PhoneNumberJson::render))));
  }

  /** PhoneNumber (partial, {@code *} for a digit), FriendlyName (exact), Beta and Origin. */
  private static Predicate<PhoneNumber> matcher(ListFilters filters) {
    String pattern = filters.take("PhoneNumber");
    String friendlyName = filters.take("FriendlyName");
    filters.take("Beta"); // Tern's numbers are never beta, so both values keep them all.
    String origin = filters.take("Origin");
    Predicate<String> number = pattern == null ? value -> true : NumberPattern.of(pattern);
    return registered -> number.test(registered.phoneNumber())
        && (friendlyName == null || friendlyName.equals(registered.friendlyName()))
        && (origin == null || "hosted".equalsIgnoreCase(origin));
  }

  private Future<?> fetch(RoutingContext ctx) {
    return scope.activeTarget(ctx)
        .compose(account -> find(account, ctx.pathParam("Sid")))
        .compose(number -> Responses.json(ctx, 200, PhoneNumberJson.render(number)));
  }

  private Future<?> delete(RoutingContext ctx) {
    return scope.activeTarget(ctx)
        .compose(account -> find(account, ctx.pathParam("Sid")))
        // The registry also takes the number out of any Messaging Service pool.
        .compose(number -> accounts.deletePhoneNumber(number.accountSid(), number.sid()))
        .compose(deleted -> Responses.noContent(ctx));
  }

  private Future<PhoneNumber> find(Account account, String sid) {
    return accounts.findPhoneNumber(account.sid(), sid).compose(found -> found
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(
            TwilioError.NOT_FOUND.with(PhoneNumberJson.uri(account.sid(), sid)))));
  }
}
