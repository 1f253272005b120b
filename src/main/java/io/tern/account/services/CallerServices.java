package io.tern.account.services;

import io.tern.api.AccountScope;
import io.tern.api.Authentication;
import io.tern.api.Routes;
import io.tern.message.TwilioError;
import io.tern.store.Account;
import io.tern.store.AccountRegistry;
import io.tern.store.MessagingService;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * The Messaging Services a request may reach. v1 paths name no account, so a service belongs to
 * the account whose credentials created it, and only those credentials see it: any other
 * account gets 404, as for a sid that does not exist, so sids of others cannot be probed.
 */
final class CallerServices {
  private final AccountRegistry accounts;
  private final AccountScope scope;
  private final String publicBaseUrl;

  CallerServices(AccountRegistry accounts, String publicBaseUrl) {
    this.accounts = accounts;
    this.scope = new AccountScope(accounts);
    this.publicBaseUrl = publicBaseUrl;
  }

  /** The authenticated account, which must be active (403 20403 otherwise). */
  Future<Account> caller(RoutingContext ctx) {
    return scope.target(ctx, Authentication.caller(ctx).sid());
  }

  /** The caller's service with this sid, or 404 20404. */
  Future<MessagingService> find(RoutingContext ctx, String serviceSid) {
    return caller(ctx).compose(account -> find(account, serviceSid));
  }

  /** The account's service with this sid, or 404 20404. */
  Future<MessagingService> find(Account account, String serviceSid) {
    return accounts.findService(account.sid(), serviceSid).compose(found -> found
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(
            TwilioError.NOT_FOUND.with(ServiceJson.path(serviceSid)))));
  }

  /** Scheme and host for the absolute URLs of v1 JSON, without a trailing slash. */
  String baseUrl(RoutingContext ctx) {
    String base = Routes.baseUrl(ctx, publicBaseUrl);
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
