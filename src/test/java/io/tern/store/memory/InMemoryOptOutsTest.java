package io.tern.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.message.Sids;
import io.tern.store.MessagingService;
import io.tern.store.PhoneNumber;
import io.tern.store.ServiceSender;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each of the three scopes a message is checked against, on its own: the sender, the service
 * the sender is in, and the service the message names. (The shared contract is in
 * {@link InMemoryInboundStoresTest}.)
 */
class InMemoryOptOutsTest {
  private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
  private static final String ACCOUNT = Sids.generate(Sids.ACCOUNT);
  private static final String HANDSET = "+447700900123";

  private final InMemoryAccountRegistry registry = new InMemoryAccountRegistry();
  private final InMemoryOptOuts optOuts = new InMemoryOptOuts(registry);

  private final PhoneNumber pooled = number("+15005550201");
  private final PhoneNumber alone = number("+15005550202");
  private final MessagingService alerts = service();
  private final MessagingService other = service();

  InMemoryOptOutsTest() {
    done(registry.addServiceSender(new ServiceSender(pooled.sid(), ACCOUNT, alerts.sid(),
        ServiceSender.Kind.PHONE_NUMBER, pooled.phoneNumber(), "US", T0, T0)));
  }

  @Test
  void aStopToANumberOutsideAnyServiceBlocksThatNumberOnly() {
    optOut(alone.phoneNumber());

    assertThat(isOptedOut(alone.phoneNumber(), null)).isTrue();
    assertThat(isOptedOut(alone.phoneNumber(), other.sid())).isTrue();
    assertThat(isOptedOut(pooled.phoneNumber(), null)).isFalse();
    assertThat(isOptedOut(null, other.sid())).isFalse();
    assertThat(done(optOuts.isOptedOut(ACCOUNT, "+447700900999", alone.phoneNumber(), null)))
        .as("another recipient").isFalse();
  }

  @Test
  void aStopToAServiceBlocksItsSendersAndMessagesNamingIt() {
    optOut(alerts.sid());

    assertThat(isOptedOut(pooled.phoneNumber(), null)).as("the sender's service").isTrue();
    assertThat(isOptedOut(null, alerts.sid())).as("the service named").isTrue();
    assertThat(isOptedOut(alone.phoneNumber(), null)).isFalse();
    assertThat(isOptedOut(alone.phoneNumber(), other.sid())).isFalse();
  }

  @Test
  void aSenderThatLeftTheServiceIsNoLongerBlockedByIt() {
    optOut(alerts.sid());
    done(registry.deleteServiceSender(ACCOUNT, alerts.sid(), pooled.sid()));

    assertThat(isOptedOut(pooled.phoneNumber(), null)).isFalse();
    assertThat(isOptedOut(pooled.phoneNumber(), alerts.sid())).isTrue();
  }

  @Test
  void nothingIsBlockedWithoutAStop() {
    assertThat(isOptedOut(pooled.phoneNumber(), alerts.sid())).isFalse();
    assertThat(isOptedOut(null, null)).isFalse();
  }

  private void optOut(String scope) {
    done(optOuts.optOut(ACCOUNT, HANDSET, List.of(scope), T0));
  }

  private boolean isOptedOut(String sender, String serviceSid) {
    return done(optOuts.isOptedOut(ACCOUNT, HANDSET, sender, serviceSid));
  }

  private PhoneNumber number(String e164) {
    return done(registry.addPhoneNumber(new PhoneNumber(Sids.generate(Sids.PHONE_NUMBER), ACCOUNT,
        e164, "Line", null, null, null, T0, T0)));
  }

  private MessagingService service() {
    return done(registry.createService(new MessagingService(Sids.generate(Sids.SERVICE), ACCOUNT,
        "Alerts", null, "POST", null, "POST", null, true, true, false, "inherit", false, false,
        36000, true, "undeclared", false, T0, T0)));
  }

  /** The in-memory stores answer at once: the result, or the test fails. */
  private static <T> T done(Future<T> future) {
    assertThat(future.succeeded()).as("%s", future.cause()).isTrue();
    return future.result();
  }
}
