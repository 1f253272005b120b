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
 * Makes sure the gateway's one main account exists. Without configured credentials the stored
 * main account is used, or a new one is generated. With them, the first start creates the main
 * account with those credentials; later starts with the same sid and another token rotate the
 * token (the old one stops working at once on this pod); a sid other than the stored main
 * account's is refused, since a second main account would leave the first one's credentials
 * working beside it.
 */
public final class MainAccount {
  private MainAccount() {}

  /** The main account and whether it was generated just now (so its token should be shown). */
  public record Outcome(Account account, boolean generated) {}

  public static Future<Outcome> ensure(AccountRegistry accounts, TernConfig config, Clock clock) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    if (config.accountSid() == null) {
      return accounts.findMainAccount().compose(found -> found.isPresent()
          ? Future.succeededFuture(new Outcome(found.get(), false))
          : accounts.createAccount(newMain(Sids.generate(Sids.ACCOUNT), Sids.token(), now))
              .map(created -> new Outcome(created, true)));
    }
    return accounts.findMainAccount().compose(stored -> {
      if (stored.isEmpty()) {
        return accounts.findAccount(config.accountSid()).compose(same -> same.isPresent()
            ? Future.failedFuture(refused("accountSid " + config.accountSid()
                + " is a subaccount in this database, not a main account"))
            : accounts.createAccount(newMain(config.accountSid(), config.authToken(), now))
                .map(created -> new Outcome(created, false)));
      }
      Account main = stored.get();
      if (!main.sid().equals(config.accountSid())) {
        return Future.failedFuture(refused("accountSid " + config.accountSid()
            + " is not this database's main account " + main.sid()
            + "; a gateway has one main account. To rotate its token set TERN_ACCOUNT_SID="
            + main.sid() + " with the new TERN_AUTH_TOKEN; to keep the stored credentials unset"
            + " both; for another main account use another database or database.schema"));
      }
      if (main.authToken().equals(config.authToken())) {
        return Future.succeededFuture(new Outcome(main, false));
      }
      return accounts.updateAccount(withToken(main, config.authToken(), now))
          .map(updated -> new Outcome(updated, false));
    });
  }

  private static IllegalArgumentException refused(String reason) {
    return new IllegalArgumentException("Invalid configuration: " + reason);
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
