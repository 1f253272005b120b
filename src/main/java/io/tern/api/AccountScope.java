package io.tern.api;

import io.tern.message.TwilioError;

import io.tern.store.Account;
import io.tern.store.AccountRegistry;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * Resolves the account a request acts on (the {@code {AccountSid}} of its path) and checks the
 * caller may act for it: itself, or a main account acting for one of its subaccounts. Anything
 * else is 404, never 403, so a caller cannot learn which other accounts exist.
 */
public final class AccountScope {
  private final AccountRegistry accounts;

  public AccountScope(AccountRegistry accounts) {
    this.accounts = accounts;
  }

  /** The path's account, which must be active. */
  public Future<Account> activeTarget(RoutingContext ctx) {
    return target(ctx, ctx.pathParam("AccountSid")).compose(AccountScope::requireActive);
  }

  /** The account with this sid as seen by the caller, whatever its status. */
  public Future<Account> target(RoutingContext ctx, String accountSid) {
    Account caller = Authentication.caller(ctx);
    if (caller.status() != Account.Status.ACTIVE) {
      return Future.failedFuture(TwilioError.FORBIDDEN.with("Account " + caller.sid() + " is not active"));
    }
    if (caller.sid().equals(accountSid)) {
      return Future.succeededFuture(caller);
    }
    return accounts.findAccount(accountSid).compose(found -> found
        .filter(caller::canActFor)
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(
            TwilioError.NOT_FOUND.with("/2010-04-01/Accounts/" + accountSid + ".json"))));
  }

  private static Future<Account> requireActive(Account account) {
    return account.status() == Account.Status.ACTIVE
        ? Future.succeededFuture(account)
        : Future.failedFuture(TwilioError.FORBIDDEN.with("Account " + account.sid() + " is not active"));
  }
}
