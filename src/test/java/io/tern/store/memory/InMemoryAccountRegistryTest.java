package io.tern.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.message.Sids;
import io.tern.store.AccountRegistry;
import io.tern.store.AccountRegistryContractTest;
import io.tern.store.InboundRecipient;
import io.tern.store.MessagingService;
import io.tern.store.PhoneNumber;
import io.tern.store.ServiceSender;
import io.tern.store.ShortCode;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryAccountRegistryTest extends AccountRegistryContractTest {
  private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
  private static final String ACCOUNT = Sids.generate(Sids.ACCOUNT);

  private final InMemoryAccountRegistry registry = new InMemoryAccountRegistry();

  @Override
  protected AccountRegistry registry() {
    return registry;
  }

  // recipient(address) is what every message's opt-out check asks: the service of its sender.

  @Test
  void aNumberLeadsToItsServiceUntilItLeavesIt() {
    PhoneNumber line = number("+15005550101");
    MessagingService alerts = service("Alerts");
    ServiceSender member = done(registry.addServiceSender(member(alerts, line)));
    assertThat(serviceOf(line.phoneNumber())).contains(alerts.sid());

    done(registry.deleteServiceSender(ACCOUNT, alerts.sid(), member.sid()));
    assertThat(registry.recipient(line.phoneNumber()))
        .as("still the account's number, in no service now")
        .hasValueSatisfying(r -> assertThat(r.serviceSid()).isNull());

    // Free again: it may join another service, and then leads there.
    MessagingService marketing = service("Marketing");
    done(registry.addServiceSender(member(marketing, line)));
    assertThat(serviceOf(line.phoneNumber())).contains(marketing.sid());
  }

  @Test
  void aShortCodeLeadsToItsServiceUntilTheServiceIsDeleted() {
    ShortCode code = done(registry.addShortCode(
        new ShortCode(Sids.generate(Sids.SHORT_CODE), ACCOUNT, "88001", "US", "88001", null, T0, T0)));
    MessagingService alerts = service("Alerts");
    done(registry.addServiceSender(new ServiceSender(code.sid(), ACCOUNT, alerts.sid(),
        ServiceSender.Kind.SHORT_CODE, code.shortCode(), "US", T0, T0)));
    assertThat(serviceOf("88001")).contains(alerts.sid());

    done(registry.deleteService(ACCOUNT, alerts.sid()));
    assertThat(registry.recipient("88001")).isPresent();
    assertThat(serviceOf("88001")).isEmpty();
  }

  @Test
  void aReleasedNumberTakesItsServiceWithIt() {
    PhoneNumber line = number("+15005550102");
    MessagingService alerts = service("Alerts");
    done(registry.addServiceSender(member(alerts, line)));

    done(registry.deletePhoneNumber(ACCOUNT, line.sid()));
    assertThat(registry.recipient(line.phoneNumber())).isEmpty();

    // Registered again under a new sid: a number of its own, in no service.
    number(line.phoneNumber());
    assertThat(serviceOf(line.phoneNumber())).isEmpty();
  }

  @Test
  void anAlphaSenderWithANumbersDigitsDoesNotPutTheNumberInItsService() {
    PhoneNumber line = number("+15005550103");
    MessagingService alerts = service("Alerts");
    done(registry.addServiceSender(new ServiceSender(Sids.generate(Sids.ALPHA_SENDER), ACCOUNT,
        alerts.sid(), ServiceSender.Kind.ALPHA_SENDER, line.phoneNumber(), null, T0, T0)));

    assertThat(serviceOf(line.phoneNumber())).isEmpty();
  }

  private Optional<String> serviceOf(String address) {
    return registry.recipient(address).map(InboundRecipient::serviceSid);
  }

  private PhoneNumber number(String e164) {
    return done(registry.addPhoneNumber(new PhoneNumber(Sids.generate(Sids.PHONE_NUMBER), ACCOUNT,
        e164, "Line", "https://app.example.com/sms", null, null, T0, T0)));
  }

  private MessagingService service(String name) {
    return done(registry.createService(new MessagingService(Sids.generate(Sids.SERVICE), ACCOUNT,
        name, "https://app.example.com/in", "POST", null, "POST", null, true, true, false,
        "inherit", false, false, 36000, true, "undeclared", false, T0, T0)));
  }

  private static ServiceSender member(MessagingService service, PhoneNumber number) {
    return new ServiceSender(number.sid(), ACCOUNT, service.sid(), ServiceSender.Kind.PHONE_NUMBER,
        number.phoneNumber(), "US", T0, T0);
  }

  /** The in-memory registry answers at once: the result, or the test fails. */
  private static <T> T done(Future<T> future) {
    assertThat(future.succeeded()).as("%s", future.cause()).isTrue();
    return future.result();
  }
}
