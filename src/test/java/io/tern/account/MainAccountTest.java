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
}
