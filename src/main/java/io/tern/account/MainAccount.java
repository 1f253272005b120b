package io.tern.account;

import io.tern.config.TernConfig;
import io.tern.store.Account;
import io.tern.store.AccountRegistry;
import io.tern.message.Sids;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Makes sure the main account exists. Configured credentials win (and replace a stored token
 * that differs); without any, the stored main account is used, or a new one is generated.
 */
public final class MainAccount {
  private MainAccount() {}

  /** The main account and whether it was generated just now (so its token should be shown). */
  public record Outcome(Account account, boolean generated) {}

  public static Future<Outcome> ensure(AccountRegistry accounts, TernConfig config, Clock clock) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    if (config.accountSid() != null) {
      return accounts.findAccount(config.accountSid()).compose(found -> {
        if (found.isEmpty()) {
          return accounts.createAccount(newMain(config.accountSid(), config.authToken(), now))
              .map(created -> new Outcome(created, false));
        }
        Account existing = found.get();
        if (existing.authToken().equals(config.authToken())) {
          return Future.succeededFuture(new Outcome(existing, false));
        }
        return accounts.updateAccount(withToken(existing, config.authToken(), now))
            .map(updated -> new Outcome(updated, false));
      });
    }
    return accounts.findMainAccount().compose(found -> found.isPresent()
        ? Future.succeededFuture(new Outcome(found.get(), false))
        : accounts.createAccount(newMain(Sids.generate(Sids.ACCOUNT), Sids.token(), now))
            .map(created -> new Outcome(created, true)));
  }

  private static Account newMain(String sid, String token, Instant now) {
    return new Account(sid, token, "Tern main account", sid, Account.Status.ACTIVE,
        Account.Type.FULL, now, now);
  }

  private static Account withToken(Account account, String token, Instant now) {
    return new Account(account.sid(), token, account.friendlyName(), account.ownerAccountSid(),
        account.status(), account.type(), account.dateCreated(), now);
  }
}
