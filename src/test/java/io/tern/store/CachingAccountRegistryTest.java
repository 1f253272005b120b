package io.tern.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.store.memory.InMemoryAccountRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
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
  void repeatedLookupsAskTheStoreOnceAndAgainAheadOfTheTtl() {
    real.addPhoneNumber(number("+14155550100"));

    cached.findPhoneNumberByValue(ACCOUNT, "+14155550100");
    cached.findPhoneNumberByValue(ACCOUNT, "+14155550100");
    nanos.addAndGet(749_000_000L);
    cached.findPhoneNumberByValue(ACCOUNT, "+14155550100");
    assertThat(lookups).hasValue(1);

    nanos.addAndGet(250_000_000L);
    Optional<PhoneNumber> inTheLastQuarter =
        cached.findPhoneNumberByValue(ACCOUNT, "+14155550100").result();
    assertThat(inTheLastQuarter).isPresent();
    assertThat(lookups).as("read ahead").hasValue(2);

    nanos.addAndGet(700_000_000L);
    cached.findPhoneNumberByValue(ACCOUNT, "+14155550100");
    assertThat(lookups).as("the answer read ahead is kept its own ttl").hasValue(2);
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

  // Each verticle hears back on its own context, as from the PostgreSQL pool. A future handed
  // from one verticle to another would run the second one's code on the first one's event
  // loop, and an event bus request made there loses its reply when the first is undeployed.

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void aKeptAnswerReachesEachVerticleOnItsOwnContext(Vertx vertx, VertxTestContext testContext) {
    real.addPhoneNumber(number("+14155550100"));
    CachingAccountRegistry onPool =
        new CachingAccountRegistry(likeThePool(vertx, new CountDownLatch(0)), 1000, nanos::get);

    Future.all(verticleContext(vertx), verticleContext(vertx)).onComplete(testContext.succeeding(both -> {
      Context validation = both.resultAt(0);
      Context shard = both.resultAt(1);
      validation.runOnContext(first -> onPool.findPhoneNumberByValue(ACCOUNT, "+14155550100")
          .onComplete(testContext.succeeding(kept -> shard.runOnContext(second ->
              onPool.findPhoneNumberByValue(ACCOUNT, "+14155550100")
                  .onComplete(testContext.succeeding(found -> testContext.verify(() -> {
                    assertThat(found).isPresent();
                    assertThat(lookups).as("the second answer came from the cache").hasValue(1);
                    assertThat(Vertx.currentContext().deploymentID()).as("deployment the answer ran in")
                        .isEqualTo(shard.deploymentID());
                    testContext.completeNow();
                  })))))));
    }));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void aVerticleJoiningALookupInFlightHearsOnItsOwnContext(Vertx vertx, VertxTestContext testContext) {
    real.addPhoneNumber(number("+14155550100"));
    CountDownLatch databaseAnswers = new CountDownLatch(1);
    CachingAccountRegistry onPool =
        new CachingAccountRegistry(likeThePool(vertx, databaseAnswers), 1000, nanos::get);

    Future.all(verticleContext(vertx), verticleContext(vertx)).onComplete(testContext.succeeding(both -> {
      Context validation = both.resultAt(0);
      Context shard = both.resultAt(1);
      validation.runOnContext(first -> {
        onPool.findPhoneNumberByValue(ACCOUNT, "+14155550100");
        shard.runOnContext(second -> {
          onPool.findPhoneNumberByValue(ACCOUNT, "+14155550100")
              .onComplete(testContext.succeeding(found -> testContext.verify(() -> {
                assertThat(found).isPresent();
                assertThat(lookups).as("one query for both").hasValue(1);
                assertThat(Vertx.currentContext().deploymentID()).as("deployment the answer ran in")
                    .isEqualTo(shard.deploymentID());
                testContext.completeNow();
              })));
          databaseAnswers.countDown();
        });
      });
    }));
  }

  /**
   * The in-memory registry answering as the pool does: later, on the context that asked, once
   * the latch is open.
   */
  private AccountRegistry likeThePool(Vertx vertx, CountDownLatch answers) {
    return (AccountRegistry) java.lang.reflect.Proxy.newProxyInstance(
        AccountRegistry.class.getClassLoader(), new Class<?>[] {AccountRegistry.class},
        (proxy, method, args) -> {
          Future<?> inMemory = (Future<?>) method.invoke(counted, args);
          return vertx.executeBlocking(() -> {
            answers.await();
            return inMemory.result();
          });
        });
  }

  /** The context of a newly deployed verticle, as each of the gateway's verticles has one. */
  private static Future<Context> verticleContext(Vertx vertx) {
    Promise<Context> started = Promise.promise();
    return vertx.deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        started.complete(context);
        return Future.succeededFuture();
      }
    }).compose(deployed -> started.future());
  }

  private static PhoneNumber number(String e164) {
    return new PhoneNumber("PN" + "0".repeat(32), ACCOUNT, e164, null, null, null, null, NOW, NOW);
  }
}
