package io.tern.account;

import io.tern.Components;
import io.tern.api.AccountScope;
import io.tern.api.ApiModule;
import io.tern.api.Authentication;
import io.tern.api.ListEnvelope;
import io.tern.api.PageParams;
import io.tern.api.Responses;
import io.tern.api.Routes;
import io.tern.message.TwilioError;
import io.tern.store.Account;
import io.tern.store.AccountRegistry;
import io.tern.message.Sids;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The Accounts resource (reference §2.1): the main account creates, lists, renames, suspends,
 * reactivates and closes its subaccounts; every account reads and renames itself.
 */
public final class AccountRoutes implements ApiModule {
  private static final String ACCOUNTS = AccountJson.ACCOUNTS_PATH;
  private static final DateTimeFormatter DEFAULT_NAME_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd hh:mm a", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private final Components components;
  private final AccountRegistry accounts;
  private final AccountScope scope;

  public AccountRoutes(Components components) {
    this.components = components;
    this.accounts = components.accounts();
    this.scope = new AccountScope(accounts);
  }

  @Override
  public void mount(Router router) {
    Routes.on(router, HttpMethod.POST, ACCOUNTS + ".json", this::create);
    Routes.on(router, HttpMethod.GET, ACCOUNTS + ".json", this::list);
    Routes.on(router, HttpMethod.GET, ACCOUNTS + "/{Sid}.json", this::fetch);
    Routes.on(router, HttpMethod.POST, ACCOUNTS + "/{Sid}.json", this::update);
  }

  private Future<?> create(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    return self(ctx)
        .compose(caller -> caller.isMain()
            ? Future.succeededFuture(caller)
            : Future.failedFuture(TwilioError.FORBIDDEN.with(
                "Subaccount " + caller.sid() + " cannot create accounts; use the main account")))
        .compose(main -> {
          Instant now = now();
          String name = FormFields.friendlyName(form);
          Account subaccount = new Account(Sids.generate(Sids.ACCOUNT), Sids.token(),
              name != null ? name : defaultName(now), main.sid(), Account.Status.ACTIVE,
              type(form), now, now);
          return accounts.createAccount(subaccount);
        })
        .compose(created -> Responses.json(ctx, 201, AccountJson.render(created)));
  }

  /** Tern's {@code Type} extension: a subaccount is Full unless created as Trial. */
  private static Account.Type type(MultiMap form) {
    String text = FormFields.optional(form, "Type");
    if (text == null) {
      return Account.Type.FULL;
    }
    return AccountJson.parseType(text).orElseThrow(() ->
        TwilioError.BAD_REQUEST.with("Type must be Trial or Full, not " + text));
  }

  /** Twilio's default: "SubAccount Created at 2024-01-05 03:04 pm" (GMT). */
  static String defaultName(Instant now) {
    return "SubAccount Created at " + DEFAULT_NAME_TIME.format(now).toLowerCase(Locale.ROOT);
  }

  private Future<?> list(RoutingContext ctx) {
    PageParams params = PageParams.from(ctx.queryParams());
    ListFilters filters = new ListFilters(ctx.queryParams());
    String friendlyName = filters.take("FriendlyName");
    String statusText = filters.take("Status");
    Account.Status status = statusText == null ? null : parseStatus(statusText);
    return self(ctx)
        .compose(caller -> caller.isMain()
            ? accounts.listAccounts(caller.sid())
            : Future.succeededFuture(List.of(caller)))
        .map(all -> all.stream()
            .filter(account -> friendlyName == null || friendlyName.equals(account.friendlyName()))
            .filter(account -> status == null || status == account.status())
            .toList())
        .compose(matching -> Responses.json(ctx, 200, ListEnvelope.v2010("accounts",
            ACCOUNTS + ".json", filters.echoed(), params, matching, AccountJson::render)));
  }

  private Future<?> fetch(RoutingContext ctx) {
    return scope.target(ctx, ctx.pathParam("Sid"))
        .compose(account -> Responses.json(ctx, 200, AccountJson.render(account)));
  }

  // Update: FriendlyName by the account itself or its main account; Status by the main account
  // only, on a subaccount, and never away from closed.

  private Future<?> update(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    Account caller = Authentication.caller(ctx);
    // Not activeTarget: a main account must reach a suspended subaccount to reactivate it.
    return scope.target(ctx, ctx.pathParam("Sid"))
        .compose(target -> {
          String name = FormFields.friendlyName(form);
          String statusText = FormFields.optional(form, "Status");
          Account.Status status = statusText == null ? target.status() : parseStatus(statusText);
          checkStatusChange(caller, target, status);
          if (name == null && status == target.status()) {
            return Future.succeededFuture(target);
          }
          Account updated = new Account(target.sid(), target.authToken(),
              name != null ? name : target.friendlyName(), target.ownerAccountSid(), status,
              target.type(), target.dateCreated(), now());
          return accounts.updateAccount(updated).compose(saved -> saved.status() == Account.Status.CLOSED
              && target.status() != Account.Status.CLOSED
              ? releaseNumbers(saved.sid()).map(saved)
              : Future.succeededFuture(saved));
        })
        .compose(updated -> Responses.json(ctx, 200, AccountJson.render(updated)));
  }

  /**
   * Closing an account gives its numbers up, as Twilio releases a closed account's numbers, so
   * they can be registered again (the registry also takes them out of service pools).
   */
  private Future<Void> releaseNumbers(String accountSid) {
    return accounts.listPhoneNumbers(accountSid)
        .compose(numbers -> Future.all(numbers.stream()
            .map(number -> accounts.deletePhoneNumber(accountSid, number.sid()))
            .toList()))
        .mapEmpty();
  }

  private static void checkStatusChange(Account caller, Account target, Account.Status status) {
    if (status == target.status()) {
      return;
    }
    if (target.isMain() || !caller.isMain()) {
      throw TwilioError.FORBIDDEN.with(
          "Only the main account can change a subaccount's status, so " + caller.sid()
              + " cannot set " + target.sid() + " to " + AccountJson.status(status));
    }
    if (target.status() == Account.Status.CLOSED) {
      throw TwilioError.BAD_REQUEST.with(
          "Account " + target.sid() + " is closed; a closed account cannot be reopened");
    }
  }

  private static Account.Status parseStatus(String text) {
    return AccountJson.parseStatus(text).orElseThrow(() ->
        TwilioError.BAD_REQUEST.with("Status must be active, suspended or closed, not " + text));
  }

  /** The caller, checked to be active like every other request. */
  private Future<Account> self(RoutingContext ctx) {
    return scope.target(ctx, Authentication.caller(ctx).sid());
  }

  private Instant now() {
    return components.clock().instant().truncatedTo(ChronoUnit.MICROS);
  }
}
