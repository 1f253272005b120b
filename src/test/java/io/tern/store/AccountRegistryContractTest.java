package io.tern.store;

import io.tern.message.Sids;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every {@link AccountRegistry} promises. Subclasses supply the registry; each test works
 * in accounts, numbers and codes of its own, so tests may share one registry.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
public abstract class AccountRegistryContractTest {

  private static final Instant T0 = Instant.parse("2024-05-01T12:00:00.123456789Z");
  private static final Instant T0_STORED = Instant.parse("2024-05-01T12:00:00.123456Z");

  private final String main = Sids.generate(Sids.ACCOUNT);
  private final String other = Sids.generate(Sids.ACCOUNT);
  private final String number = randomE164();
  private final String shortCode = randomShortCode();

  protected abstract AccountRegistry registry();

  private static String randomE164() {
    return "+1555" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000);
  }

  private static String randomShortCode() {
    return Integer.toString(ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000));
  }

  private static Account account(String sid, String owner, Instant created) {
    return new Account(sid, Sids.token(), "Account " + sid, owner, Account.Status.ACTIVE,
        Account.Type.FULL, created, created);
  }

  private static PhoneNumber phoneNumber(String accountSid, String e164) {
    return new PhoneNumber(Sids.generate(Sids.PHONE_NUMBER), accountSid, e164, "Line " + e164,
        "https://app.example.com/sms", null, 25, T0, T0);
  }

  private static ShortCode shortCode(String accountSid, String code) {
    return new ShortCode(Sids.generate(Sids.SHORT_CODE), accountSid, code, "US", code, null, T0,
        T0);
  }

  private static MessagingService service(String accountSid, String name) {
    return new MessagingService(Sids.generate(Sids.SERVICE), accountSid, name,
        "https://app.example.com/in", "POST", null, "POST", "https://app.example.com/status",
        true, true, false, "inherit", false, false, 36000, true, "undeclared", true, T0, T0);
  }

  private static ServiceSender member(MessagingService service, PhoneNumber number) {
    return new ServiceSender(number.sid(), service.accountSid(), service.sid(),
        ServiceSender.Kind.PHONE_NUMBER, number.phoneNumber(), "US", T0, T0);
  }

  private static ServiceSender member(MessagingService service, ShortCode code) {
    return new ServiceSender(code.sid(), service.accountSid(), service.sid(),
        ServiceSender.Kind.SHORT_CODE, code.shortCode(), "US", T0, T0);
  }

  private static ServiceSender alpha(MessagingService service, String value) {
    return new ServiceSender(Sids.generate(Sids.ALPHA_SENDER), service.accountSid(),
        service.sid(), ServiceSender.Kind.ALPHA_SENDER, value, null, T0, T0);
  }

  /** Completes with the simple name of the failure, or "ok". */
  private static Future<String> outcome(Future<?> future) {
    return future.map("ok").recover(e -> Future.succeededFuture(e.getClass().getSimpleName()));
  }

  @Test
  void accountsAreCreatedFoundUpdatedAndListedInCreationOrder(VertxTestContext ctx) {
    String sub1 = Sids.generate(Sids.ACCOUNT);
    String sub2 = Sids.generate(Sids.ACCOUNT);
    Account closed = new Account(sub1, "new-token", "Renamed", other, Account.Status.CLOSED,
        Account.Type.TRIAL, T0, T0.plusSeconds(60));
    List<Object> results = new ArrayList<>();

    registry().createAccount(account(main, main, T0))
        // sub2 is created first but with a later timestamp: creation order is what counts.
        .compose(x -> registry().createAccount(account(sub2, main, T0.plusSeconds(2))))
        .compose(x -> registry().createAccount(account(sub1, main, T0.plusSeconds(1))))
        .compose(x -> registry().createAccount(account(other, other, T0)))
        .compose(x -> registry().listAccounts(main))
        .andThen(ctx.succeeding(list -> results.add(list.stream().map(Account::sid).toList())))
        .compose(x -> registry().updateAccount(closed)).andThen(ctx.succeeding(results::add))
        .compose(x -> registry().findAccount(sub1)).andThen(ctx.succeeding(results::add))
        .compose(x -> outcome(registry().createAccount(account(sub1, main, T0))))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> outcome(registry().updateAccount(account(Sids.generate(Sids.ACCOUNT),
            main, T0))))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> registry().findAccount(Sids.generate(Sids.ACCOUNT)))
        .onComplete(ctx.succeeding(missing -> ctx.verify(() -> {
          assertThat(results.get(0)).isEqualTo(List.of(main, sub2, sub1));
          Account expected = new Account(sub1, "new-token", "Renamed", main,
              Account.Status.CLOSED, Account.Type.TRIAL, Instant.parse("2024-05-01T12:00:01.123456Z"),
              Instant.parse("2024-05-01T12:01:00.123456Z"));
          assertThat(results.get(1)).as("owner and dateCreated kept").isEqualTo(expected);
          assertThat(results.get(2)).isEqualTo(Optional.of(expected));
          assertThat(results.get(3)).isEqualTo("DuplicateException");
          assertThat(results.get(4)).isEqualTo("NotFoundException");
          assertThat(missing).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  void mainAccountIsFoundOnceOneExists(VertxTestContext ctx) {
    registry().createAccount(account(main, main, T0))
        .compose(x -> registry().findMainAccount())
        .onComplete(ctx.succeeding(found -> ctx.verify(() -> {
          assertThat(found).hasValueSatisfying(a -> assertThat(a.isMain()).isTrue());
          ctx.completeNow();
        })));
  }

  @Test
  void phoneNumbersAreOwnedByOneAccount(VertxTestContext ctx) {
    PhoneNumber mine = phoneNumber(main, number);
    List<Object> results = new ArrayList<>();

    registry().addPhoneNumber(mine).andThen(ctx.succeeding(results::add))
        .compose(x -> registry().findPhoneNumber(main, mine.sid()))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> registry().findPhoneNumberByValue(main, number))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> registry().findPhoneNumber(other, mine.sid()))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> registry().findPhoneNumberByValue(other, number))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> registry().listPhoneNumbers(other)).andThen(ctx.succeeding(results::add))
        .compose(x -> outcome(registry().addPhoneNumber(phoneNumber(other, number))))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> registry().deletePhoneNumber(other, mine.sid()))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> registry().deletePhoneNumber(main, mine.sid()))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> registry().listPhoneNumbers(main))
        .onComplete(ctx.succeeding(left -> ctx.verify(() -> {
          PhoneNumber stored = new PhoneNumber(mine.sid(), main, number, mine.friendlyName(),
              mine.smsUrl(), null, 25, T0_STORED, T0_STORED);
          assertThat(results).containsExactly(stored, Optional.of(stored),
              Optional.of(stored), Optional.empty(),
              Optional.empty(), List.of(), "DuplicateException", false, true);
          assertThat(left).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  void shortCodesAreOwnedByOneAccount(VertxTestContext ctx) {
    ShortCode mine = shortCode(main, shortCode);
    ShortCode second = shortCode(main, randomShortCode());
    List<Object> results = new ArrayList<>();

    registry().addShortCode(mine)
        .compose(x -> registry().addShortCode(second))
        .compose(x -> registry().findShortCode(main, mine.sid()))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> registry().findShortCodeByValue(main, shortCode))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> registry().findShortCode(other, mine.sid()))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> registry().findShortCodeByValue(other, shortCode))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> outcome(registry().addShortCode(shortCode(other, shortCode))))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> registry().listShortCodes(main))
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertThat(results).containsExactly(Optional.of(StoredForm.of(mine)),
              Optional.of(StoredForm.of(mine)), Optional.empty(),
              Optional.empty(), "DuplicateException");
          assertThat(list).extracting(ShortCode::sid).containsExactly(mine.sid(), second.sid());
          ctx.completeNow();
        })));
  }

  @Test
  void callerIdsAreVerifiedPerAccount(VertxTestContext ctx) {
    CallerId verified = new CallerId(Sids.generate(Sids.CALLER_ID), main, number, "Mum", T0);
    List<Object> results = new ArrayList<>();

    registry().addCallerId(verified)
        .compose(x -> registry().isVerifiedCallerId(main, number))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> registry().isVerifiedCallerId(other, number))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> outcome(registry().addCallerId(
            new CallerId(Sids.generate(Sids.CALLER_ID), main, number, "Again", T0))))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> outcome(registry().addCallerId(
            new CallerId(Sids.generate(Sids.CALLER_ID), other, number, "Theirs", T0))))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> registry().listCallerIds(main))
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertThat(results).containsExactly(true, false, "DuplicateException", "ok");
          assertThat(list).containsExactly(StoredForm.of(verified));
          ctx.completeNow();
        })));
  }

  @Test
  void servicesAreCreatedFoundUpdatedAndDeletedWithinTheirAccount(VertxTestContext ctx) {
    MessagingService first = service(main, "Alerts");
    MessagingService second = service(main, "Marketing");
    MessagingService renamed = new MessagingService(first.sid(), main, "Renamed", null, "GET",
        "https://app.example.com/fallback", "GET", null, false, false, true, "enable", true, true,
        600, false, "marketing", false, T0.plusSeconds(30), T0.plusSeconds(30));
    MessagingService hijack = new MessagingService(first.sid(), other, "Hijacked", null, "GET",
        null, "GET", null, false, false, true, "enable", true, true, 600, false, "marketing",
        false, T0, T0);
    List<Object> results = new ArrayList<>();

    registry().createService(first)
        .compose(x -> registry().createService(second))
        .compose(x -> outcome(registry().createService(first)))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> registry().findService(other, first.sid()))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> outcome(registry().updateService(hijack)))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> registry().updateService(renamed)).andThen(ctx.succeeding(results::add))
        .compose(x -> registry().findService(main, first.sid()))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> registry().deleteService(other, first.sid()))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> registry().deleteService(main, second.sid()))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> registry().listServices(main))
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          MessagingService stored = new MessagingService(first.sid(), main, "Renamed", null,
              "GET", "https://app.example.com/fallback", "GET", null, false, false, true,
              "enable", true, true, 600, false, "marketing", false, T0_STORED,
              StoredForm.of(T0.plusSeconds(30)));
          assertThat(results).containsExactly("DuplicateException", Optional.empty(),
              "NotFoundException", stored, Optional.of(stored), false, true);
          assertThat(list).containsExactly(stored);
          ctx.completeNow();
        })));
  }

  @Test
  void aSenderBelongsToOnePool(VertxTestContext ctx) {
    MessagingService alerts = service(main, "Alerts");
    MessagingService marketing = service(main, "Marketing");
    PhoneNumber line = phoneNumber(main, number);
    ShortCode code = shortCode(main, shortCode);
    ServiceSender brand = alpha(alerts, "TernCo");
    List<Object> results = new ArrayList<>();

    Future.all(registry().createService(alerts), registry().createService(marketing),
            registry().addPhoneNumber(line), registry().addShortCode(code))
        .compose(x -> registry().addServiceSender(member(alerts, line)))
        .compose(x -> registry().addServiceSender(member(alerts, code)))
        .compose(x -> registry().addServiceSender(brand))
        .compose(x -> outcome(registry().addServiceSender(member(marketing, line))))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> outcome(registry().addServiceSender(member(marketing, code))))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> outcome(registry().addServiceSender(member(alerts, line))))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> outcome(registry().addServiceSender(alpha(alerts, "TernCo"))))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> outcome(registry().addServiceSender(alpha(marketing, "TernCo"))))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> registry().listServiceSenders(main, alerts.sid(), null))
        .andThen(ctx.succeeding(list -> results.add(list.stream().map(ServiceSender::sid).toList())))
        .compose(x -> registry().listServiceSenders(main, alerts.sid(),
            ServiceSender.Kind.SHORT_CODE))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> registry().listServiceSenders(other, alerts.sid(), null))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> registry().findServiceSender(main, alerts.sid(), brand.sid()))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> registry().findServiceSender(other, alerts.sid(), brand.sid()))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> registry().deleteServiceSender(other, alerts.sid(), brand.sid()))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> registry().deleteServiceSender(main, alerts.sid(), brand.sid()))
        .andThen(ctx.succeeding(results::add))
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          assertThat(results).containsExactly(
              "DuplicateException", "DuplicateException", "DuplicateException",
              "DuplicateException", "ok",
              List.of(line.sid(), code.sid(), brand.sid()),
              List.of(StoredForm.of(member(alerts, code))),
              List.of(),
              Optional.of(StoredForm.of(brand)), Optional.empty(),
              false, true);
          ctx.completeNow();
        })));
  }

  @Test
  void anotherAccountCannotAddToAService(VertxTestContext ctx) {
    MessagingService alerts = service(main, "Alerts");
    ServiceSender intruder = new ServiceSender(Sids.generate(Sids.ALPHA_SENDER), other,
        alerts.sid(), ServiceSender.Kind.ALPHA_SENDER, "Intruder", null, T0, T0);

    registry().createService(alerts)
        .compose(x -> registry().addServiceSender(intruder))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(e).isInstanceOf(NotFoundException.class);
          ctx.completeNow();
        })));
  }

  @Test
  void deletingAServiceFreesItsSenders(VertxTestContext ctx) {
    MessagingService alerts = service(main, "Alerts");
    MessagingService marketing = service(main, "Marketing");
    PhoneNumber line = phoneNumber(main, number);
    List<Object> results = new ArrayList<>();

    Future.all(registry().createService(alerts), registry().createService(marketing),
            registry().addPhoneNumber(line))
        .compose(x -> registry().addServiceSender(member(alerts, line)))
        .compose(x -> registry().addServiceSender(alpha(alerts, "TernCo")))
        .compose(x -> registry().deleteService(main, alerts.sid()))
        .compose(x -> registry().listServiceSenders(main, alerts.sid(), null))
        .andThen(ctx.succeeding(results::add))
        .compose(x -> outcome(registry().addServiceSender(member(marketing, line))))
        .andThen(ctx.succeeding(results::add))
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          assertThat(results).containsExactly(List.of(), "ok");
          ctx.completeNow();
        })));
  }

  @Test
  void releasingANumberTakesItOutOfItsPool(VertxTestContext ctx) {
    MessagingService alerts = service(main, "Alerts");
    PhoneNumber line = phoneNumber(main, number);

    Future.all(registry().createService(alerts), registry().addPhoneNumber(line))
        .compose(x -> registry().addServiceSender(member(alerts, line)))
        .compose(x -> registry().deletePhoneNumber(main, line.sid()))
        .compose(x -> registry().listServiceSenders(main, alerts.sid(), null))
        .onComplete(ctx.succeeding(senders -> ctx.verify(() -> {
          assertThat(senders).isEmpty();
          ctx.completeNow();
        })));
  }
}
