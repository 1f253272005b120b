package io.tern.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.config.ConfigLoader;
import io.tern.config.TernConfig;
import io.tern.store.AccountRegistry;
import io.tern.store.memory.InMemoryAccountRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 5, timeUnit = TimeUnit.SECONDS)
class MainAccountTest {
  private static final String SID = "AC0123456789abcdef0123456789abcdef";
  private static final String TOKEN = "fedcba9876543210fedcba9876543210";

  private final AccountRegistry accounts = new InMemoryAccountRegistry();

  @Test
  void withoutCredentialsAPairIsGeneratedOnceAndThenReused(VertxTestContext testContext) {
    TernConfig config = ConfigLoader.bind(new JsonObject(), Map.of());
    MainAccount.ensure(accounts, config, Clock.systemUTC())
        .compose(first -> MainAccount.ensure(accounts, config, Clock.systemUTC())
            .map(second -> new MainAccount.Outcome[] {first, second}))
        .onComplete(testContext.succeeding(both -> testContext.verify(() -> {
          assertThat(both[0].generated()).isTrue();
          assertThat(both[0].account().sid()).matches("AC[0-9a-f]{32}");
          assertThat(both[0].account().authToken()).matches("[0-9a-f]{32}");
          assertThat(both[0].account().isMain()).isTrue();
          assertThat(both[1].generated()).isFalse();
          assertThat(both[1].account().sid()).isEqualTo(both[0].account().sid());
          testContext.completeNow();
        })));
  }

  @Test
  void configuredCredentialsAreUsedAndATokenChangeIsApplied(VertxTestContext testContext) {
    TernConfig first = ConfigLoader.bind(new JsonObject(),
        Map.of("TERN_ACCOUNT_SID", SID, "TERN_AUTH_TOKEN", TOKEN));
    TernConfig rotated = ConfigLoader.bind(new JsonObject(),
        Map.of("TERN_ACCOUNT_SID", SID, "TERN_AUTH_TOKEN", "0000000000000000" + TOKEN.substring(16)));
    MainAccount.ensure(accounts, first, Clock.systemUTC())
        .compose(created -> MainAccount.ensure(accounts, rotated, Clock.systemUTC()))
        .compose(updated -> accounts.findAccount(SID))
        .onComplete(testContext.succeeding(stored -> testContext.verify(() -> {
          assertThat(stored).isPresent();
          assertThat(stored.get().authToken()).startsWith("0000000000000000");
          assertThat(stored.get().isMain()).isTrue();
          testContext.completeNow();
        })));
  }

  @Test
  void aDifferentSidThanTheStoredMainAccountIsRefusedSayingHowToProceed(VertxTestContext testContext) {
    TernConfig generated = ConfigLoader.bind(new JsonObject(), Map.of());
    TernConfig other = ConfigLoader.bind(new JsonObject(),
        Map.of("TERN_ACCOUNT_SID", SID, "TERN_AUTH_TOKEN", TOKEN));
    MainAccount.ensure(accounts, generated, Clock.systemUTC())
        .compose(first -> MainAccount.ensure(accounts, other, Clock.systemUTC())
            .map(second -> "started")
            .recover(failure -> accounts.listAccounts(first.account().sid())
                .compose(owned -> accounts.findAccount(SID))
                .map(stored -> {
                  testContext.verify(() -> {
                    assertThat(failure).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("accountSid " + SID + " is not this database's main account "
                            + first.account().sid())
                        .hasMessageContaining("TERN_ACCOUNT_SID=" + first.account().sid());
                    assertThat(stored).as("no second main account").isEmpty();
                  });
                  return "refused";
                })))
        .onComplete(testContext.succeeding(outcome -> testContext.verify(() -> {
          assertThat(outcome).isEqualTo("refused");
          testContext.completeNow();
        })));
  }

  @Test
  void theSameSidWithANewTokenRotatesTheGeneratedMainAccountsToken(VertxTestContext testContext) {
    TernConfig generated = ConfigLoader.bind(new JsonObject(), Map.of());
    MainAccount.ensure(accounts, generated, Clock.systemUTC())
        .compose(first -> MainAccount.ensure(accounts, ConfigLoader.bind(new JsonObject(),
                Map.of("TERN_ACCOUNT_SID", first.account().sid(), "TERN_AUTH_TOKEN", TOKEN)),
            Clock.systemUTC()))
        .compose(rotated -> accounts.findMainAccount())
        .onComplete(testContext.succeeding(main -> testContext.verify(() -> {
          assertThat(main).hasValueSatisfying(account -> assertThat(account.authToken()).isEqualTo(TOKEN));
          testContext.completeNow();
        })));
  }
}
