package io.tern.account;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
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
import io.tern.store.ShortCode;
import io.tern.message.Sids;
import io.tern.message.PhoneNumbers;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The SMS/ShortCodes resource (reference §2.1). Twilio provisions short codes by application;
 * Tern adds a POST on the list so an account registers a short code it already holds.
 */
public final class ShortCodeRoutes implements ApiModule {
  private static final String SHORT_CODES = "/2010-04-01/Accounts/{AccountSid}/SMS/ShortCodes";
  private static final String DEFAULT_COUNTRY = "US";
  private static final Set<String> COUNTRIES = PhoneNumberUtil.getInstance().getSupportedRegions();

  private final Components components;
  private final AccountRegistry accounts;
  private final AccountScope scope;

  public ShortCodeRoutes(Components components) {
    this.components = components;
    this.accounts = components.accounts();
    this.scope = new AccountScope(accounts);
  }

  @Override
  public void mount(Router router) {
    Routes.on(router, HttpMethod.POST, SHORT_CODES + ".json", this::create);
    Routes.on(router, HttpMethod.GET, SHORT_CODES + ".json", this::list);
    Routes.on(router, HttpMethod.GET, SHORT_CODES + "/{Sid}.json", this::fetch);
  }

  private Future<?> create(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    return scope.activeTarget(ctx)
        .compose(account -> {
          ShortCode shortCode = newShortCode(account, form);
          return accounts.addShortCode(shortCode).recover(failure -> Future.failedFuture(failure instanceof DuplicateException
                  ? TwilioError.NUMBER_UNAVAILABLE.with(shortCode.shortCode())
                  : failure));
        })
        .compose(created -> Responses.json(ctx, 201, ShortCodeJson.render(created)));
  }

  private ShortCode newShortCode(Account account, MultiMap form) {
    String code = FormFields.optional(form, "ShortCode");
    if (code == null || !PhoneNumbers.isShortCode(code)) {
      throw TwilioError.BAD_REQUEST.with(code == null
          ? "ShortCode is required: the 3 to 8 digits of a short code you hold"
          : "ShortCode must be 3 to 8 digits, not " + code);
    }
    String country = FormFields.optional(form, "CountryCode");
    country = country == null ? DEFAULT_COUNTRY : country.toUpperCase(Locale.ROOT);
    if (!COUNTRIES.contains(country)) {
      throw TwilioError.BAD_REQUEST.with(
          "CountryCode must be an ISO 3166 country code such as US or GB, not " + country);
    }
    String friendlyName = FormFields.friendlyName(form);
    Instant now = components.clock().instant().truncatedTo(ChronoUnit.MICROS);
    return new ShortCode(Sids.generate(Sids.SHORT_CODE), account.sid(), code, country,
        friendlyName != null ? friendlyName : code, FormFields.throughput(form), now, now);
  }

  private Future<?> list(RoutingContext ctx) {
    PageParams params = PageParams.from(ctx.queryParams());
    ListFilters filters = new ListFilters(ctx.queryParams());
    String friendlyName = filters.take("FriendlyName");
    String pattern = filters.take("ShortCode");
    Predicate<String> code = pattern == null ? value -> true : NumberPattern.of(pattern);
    return scope.activeTarget(ctx)
        .compose(account -> accounts.listShortCodes(account.sid())
            .compose(all -> Responses.json(ctx, 200, ListEnvelope.v2010("short_codes",
                ShortCodeJson.listPath(account.sid()) + ".json", filters.echoed(), params,
                all.stream()
                    .filter(shortCode -> code.test(shortCode.shortCode()))
                    .filter(shortCode -> friendlyName == null
                        || friendlyName.equals(shortCode.friendlyName()))
                    .toList(),
                ShortCodeJson::render))));
  }

  private Future<?> fetch(RoutingContext ctx) {
    return scope.activeTarget(ctx)
        .compose(account -> find(account, ctx.pathParam("Sid")))
        .compose(shortCode -> Responses.json(ctx, 200, ShortCodeJson.render(shortCode)));
  }

  private Future<ShortCode> find(Account account, String sid) {
    return accounts.findShortCode(account.sid(), sid).compose(found -> found
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(
            TwilioError.NOT_FOUND.with(ShortCodeJson.uri(account.sid(), sid)))));
  }
}
