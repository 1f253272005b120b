package io.tern.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.store.memory.InMemoryAccountRegistry;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachingAccountRegistryTest {
  private static final String ACCOUNT = "AC" + "a".repeat(32);
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private final AtomicInteger lookups = new AtomicInteger();
  private final AtomicLong nanos = new AtomicLong();
  private final InMemoryAccountRegistry real = new InMemoryAccountRegistry();
  /** The real registry, counting the number lookups that reach it. */
  private final AccountRegistry counted = (AccountRegistry) java.lang.reflect.Proxy.newProxyInstance(
      AccountRegistry.class.getClassLoader(), new Class<?>[] {AccountRegistry.class},
      (proxy, method, args) -> {
        if (method.getName().equals("findPhoneNumberByValue")) {
          lookups.incrementAndGet();
        }
        return method.invoke(real, args);
      });
  private final CachingAccountRegistry cached = new CachingAccountRegistry(counted, 1000, nanos::get);

  @Test
  void repeatedLookupsWithinTheTtlAskTheStoreOnce() {
    real.addPhoneNumber(number("+14155550100"));

    cached.findPhoneNumberByValue(ACCOUNT, "+14155550100");
    cached.findPhoneNumberByValue(ACCOUNT, "+14155550100");
    nanos.addAndGet(999_000_000L);
    Optional<PhoneNumber> third = cached.findPhoneNumberByValue(ACCOUNT, "+14155550100").result();

    assertThat(lookups).hasValue(1);
    assertThat(third).isPresent();
  }

  @Test
  void aChangeOnAnotherNodeShowsOnceTheTtlHasPassed() {
    real.addPhoneNumber(number("+14155550100"));
    cached.findPhoneNumberByValue(ACCOUNT, "+14155550100");
    // Released directly in the store, as another pod would.
    real.deletePhoneNumber(ACCOUNT, "PN" + "0".repeat(32));

    assertThat(cached.findPhoneNumberByValue(ACCOUNT, "+14155550100").result()).isPresent();
    nanos.addAndGet(1_000_000_001L);
    assertThat(cached.findPhoneNumberByValue(ACCOUNT, "+14155550100").result()).isEmpty();
  }

  @Test
  void aWriteThroughThisNodeAppliesAtOnce() {
    cached.addPhoneNumber(number("+14155550100"));
    cached.findPhoneNumberByValue(ACCOUNT, "+14155550100");

    cached.deletePhoneNumber(ACCOUNT, "PN" + "0".repeat(32));

    assertThat(cached.findPhoneNumberByValue(ACCOUNT, "+14155550100").result()).isEmpty();
    assertThat(lookups).hasValue(2);
  }

  private static PhoneNumber number(String e164) {
    return new PhoneNumber("PN" + "0".repeat(32), ACCOUNT, e164, null, null, null, null, NOW, NOW);
  }
}
