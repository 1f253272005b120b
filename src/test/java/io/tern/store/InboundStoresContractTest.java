package io.tern.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.message.Message;
import io.tern.message.MessageFixture;
import io.tern.message.MessageStatus;
import io.tern.message.Sids;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link InboundStore} and {@link OptOuts} promise, on top of the account registry
 * and message store they sit beside. Each test works with accounts and numbers of its own.
 */
public abstract class InboundStoresContractTest {
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00.123456Z");

  protected abstract AccountRegistry accounts();

  protected abstract MessageStore messages();

  protected abstract InboundStore inbound();

  protected abstract OptOuts optOuts();

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static String uniqueNumber() {
    return "+1415" + (2000000 + ThreadLocalRandom.current().nextInt(7_000_000));
  }

  private Account account() throws Exception {
    String sid = Sids.generate(Sids.ACCOUNT);
    return await(accounts().createAccount(new Account(sid, "token", "test", sid,
        Account.Status.ACTIVE, Account.Type.FULL, T0, T0)));
  }

  private PhoneNumber number(Account account, String e164, String smsUrl) throws Exception {
    return await(accounts().addPhoneNumber(new PhoneNumber(Sids.generate(Sids.PHONE_NUMBER),
        account.sid(), e164, null, smsUrl, null, null, T0, T0)));
  }

  private MessagingService service(Account account, boolean useNumberWebhook) throws Exception {
    return await(accounts().createService(new MessagingService(Sids.generate(Sids.SERVICE),
        account.sid(), "svc", "https://app.example.com/in", "GET", "https://app.example.com/fb",
        "POST", null, true, true, true, "inherit", false, true, 36000, false, "undeclared",
        useNumberWebhook, T0, T0)));
  }

  private void join(MessagingService service, PhoneNumber number) throws Exception {
    await(accounts().addServiceSender(new ServiceSender(number.sid(), service.accountSid(),
        service.sid(), ServiceSender.Kind.PHONE_NUMBER, number.phoneNumber(), "US", T0, T0)));
  }

  private Message inboundMessage(Account account, String to) throws Exception {
    Message message = MessageFixture.queued(Sids.generate(Sids.MESSAGE), account.sid(), uniqueNumber(), T0)
        .to(to).status(MessageStatus.RECEIVED).direction("inbound").build();
    return await(messages().insert(message, null));
  }

  @Test
  void aRecipientIsTheNumbersOwnerWithItsOwnAndItsServicesWebhooks() throws Exception {
    Account account = account();
    PhoneNumber alone = number(account, uniqueNumber(), "https://app.example.com/sms");
    PhoneNumber pooled = number(account, uniqueNumber(), "https://app.example.com/number");
    MessagingService service = service(account, false);
    join(service, pooled);

    assertThat(await(inbound().findRecipient(alone.phoneNumber()))).contains(new InboundRecipient(
        account.sid(), alone.phoneNumber(), "https://app.example.com/sms", "POST", null, "POST",
        null, null, null, null, null, false));
    assertThat(await(inbound().findRecipient(pooled.phoneNumber()))).contains(new InboundRecipient(
        account.sid(), pooled.phoneNumber(), "https://app.example.com/number", "POST", null, "POST",
        service.sid(), "https://app.example.com/in", "GET", "https://app.example.com/fb", "POST",
        false));
    assertThat(await(inbound().findRecipient(uniqueNumber()))).isEmpty();
  }

  @Test
  void aRecipientCarriesTheNumbersSmsMethodAndFallback() throws Exception {
    Account account = account();
    PhoneNumber number = await(accounts().addPhoneNumber(new PhoneNumber(
        Sids.generate(Sids.PHONE_NUMBER), account.sid(), uniqueNumber(), null,
        "https://app.example.com/sms", "GET", "https://backup.example.com/sms", "GET", null, null,
        T0, T0)));

    assertThat(await(accounts().findPhoneNumber(account.sid(), number.sid()))).contains(number);
    assertThat(await(inbound().findRecipient(number.phoneNumber()))).contains(new InboundRecipient(
        account.sid(), number.phoneNumber(), "https://app.example.com/sms", "GET",
        "https://backup.example.com/sms", "GET", null, null, null, null, null, false));
  }

  @Test
  void partsAreHeldOncePerSequenceUntilReleased() throws Exception {
    String group = "sim|" + uniqueNumber() + "|+14155550100|9|2";
    InboundPart second = new InboundPart(group, 2, 2, "sim", "c2", "+1", "+14155550100", "world", T0);
    InboundPart first = new InboundPart(group, 1, 2, "sim", "c1", "+1", "+14155550100", "hello ", T0.plusSeconds(1));

    assertThat(await(inbound().holdPart(second))).containsExactly(second);
    assertThat(await(inbound().holdPart(second))).containsExactly(second);
    assertThat(await(inbound().holdPart(first))).containsExactly(first, second);
    assertThat(await(inbound().partsWaitingSince(T0))).doesNotContain(first, second);
    assertThat(await(inbound().partsWaitingSince(T0.plusMillis(1)))).contains(first, second);

    await(inbound().releaseParts(group));
    assertThat(await(inbound().partsWaitingSince(T0.plusSeconds(60)))).doesNotContain(first, second);
  }

  @Test
  void aWebhookIsQueuedOnceClaimedByOneAndFinished() throws Exception {
    Account account = account();
    Message message = inboundMessage(account, uniqueNumber());
    // Far in the past, so webhooks other tests left due do not crowd this one out.
    Instant due = Instant.parse("2001-01-01T00:00:00Z");
    assertThat(await(inbound().hasWebhook(message.sid()))).isFalse();
    await(inbound().enqueueWebhook(account.sid(), message.sid(), "STOP", due));
    assertThat(await(inbound().hasWebhook(message.sid()))).isTrue();
    await(inbound().enqueueWebhook(account.sid(), message.sid(), null, due));

    List<PendingWebhook> claimed = await(inbound().claimDueWebhooks(due, due.plusSeconds(120), 10));
    assertThat(claimed).singleElement().satisfies(webhook -> {
      assertThat(webhook.messageSid()).isEqualTo(message.sid());
      assertThat(webhook.optOutType()).isEqualTo("STOP");
      assertThat(webhook.attempts()).isZero();
    });
    assertThat(await(inbound().claimDueWebhooks(due.plusSeconds(60), due.plusSeconds(180), 10)))
        .extracting(PendingWebhook::messageSid).doesNotContain(message.sid());

    await(inbound().retryWebhook(message.sid(), 1, due.plusSeconds(5)));
    assertThat(await(inbound().claimDueWebhooks(due.plusSeconds(5), due.plusSeconds(125), 10)))
        .filteredOn(webhook -> webhook.messageSid().equals(message.sid()))
        .singleElement().extracting(PendingWebhook::attempts).isEqualTo(1);

    await(inbound().finishWebhook(message.sid(), due.plusSeconds(6)));
    assertThat(await(inbound().hasWebhook(message.sid()))).as("answered, still known").isTrue();
    await(inbound().enqueueWebhook(account.sid(), message.sid(), null, due));
    assertThat(await(inbound().claimDueWebhooks(due.plusSeconds(3600), due.plusSeconds(3700), 10)))
        .extracting(PendingWebhook::messageSid).doesNotContain(message.sid());
  }

  @Test
  void attemptsAreLoggedInOrderForTheMessagesAccountOnly() throws Exception {
    Account account = account();
    Message message = inboundMessage(account, uniqueNumber());
    WebhookAttempt webhook = new WebhookAttempt(message.sid(), account.sid(), "https://a/sms", "POST",
        "webhook", T0, 500, 11200, "HTTP 500");
    WebhookAttempt fallback = new WebhookAttempt(message.sid(), account.sid(), "https://a/fb", "POST",
        "fallback", T0.plusMillis(5), 200, null, null);
    await(inbound().recordWebhookAttempt(webhook));
    await(inbound().recordWebhookAttempt(fallback));

    assertThat(await(inbound().webhookAttempts(account.sid(), message.sid())))
        .containsExactly(webhook, fallback);
    assertThat(await(inbound().webhookAttempts(Sids.generate(Sids.ACCOUNT), message.sid()))).isEmpty();
  }

  @Test
  void anOptOutFromAServiceCoversItsNumbersUntilLifted() throws Exception {
    Account account = account();
    PhoneNumber stopped = number(account, uniqueNumber(), null);
    PhoneNumber sibling = number(account, uniqueNumber(), null);
    PhoneNumber outside = number(account, uniqueNumber(), null);
    MessagingService service = service(account, false);
    join(service, stopped);
    join(service, sibling);
    String handset = uniqueNumber();

    await(optOuts().optOut(account.sid(), handset, List.of(stopped.phoneNumber(), service.sid()), T0));

    assertThat(await(optOuts().isOptedOut(account.sid(), handset, stopped.phoneNumber(), null))).isTrue();
    assertThat(await(optOuts().isOptedOut(account.sid(), handset, sibling.phoneNumber(), null))).isTrue();
    assertThat(await(optOuts().isOptedOut(account.sid(), handset, null, service.sid()))).isTrue();
    assertThat(await(optOuts().isOptedOut(account.sid(), handset, outside.phoneNumber(), null))).isFalse();
    assertThat(await(optOuts().isOptedOut(account.sid(), uniqueNumber(), stopped.phoneNumber(), null))).isFalse();
    assertThat(await(optOuts().isOptedOut(Sids.generate(Sids.ACCOUNT), handset, stopped.phoneNumber(), null))).isFalse();

    await(optOuts().optIn(account.sid(), handset, List.of(stopped.phoneNumber(), service.sid())));
    assertThat(await(optOuts().isOptedOut(account.sid(), handset, sibling.phoneNumber(), service.sid()))).isFalse();
  }

  @Test
  void theRecipientsOptedOutOfAnAccountComeAllOrNotAtAll() throws Exception {
    Account account = account();
    String first = uniqueNumber();
    String second = uniqueNumber();
    assertThat(await(optOuts().recipientsOptedOut(account.sid(), 2))).contains(Set.of());

    await(optOuts().optOut(account.sid(), first, List.of("+14155550100", "MG00000000000000000000000000000001"), T0));
    await(optOuts().optOut(account.sid(), second, List.of("+14155550100"), T0));
    await(optOuts().optOut(Sids.generate(Sids.ACCOUNT), uniqueNumber(), List.of("+14155550100"), T0));

    assertThat(await(optOuts().recipientsOptedOut(account.sid(), 2))).contains(Set.of(first, second));
    assertThat(await(optOuts().recipientsOptedOut(account.sid(), 1))).as("more than the limit").isEmpty();

    await(optOuts().optIn(account.sid(), second, List.of("+14155550100")));
    assertThat(await(optOuts().recipientsOptedOut(account.sid(), 1))).contains(Set.of(first));
  }

  @Test
  void aServiceKeepsItsOwnRepliesOutOfOtherAccountsReach() throws Exception {
    Account account = account();
    MessagingService service = service(account, false);
    assertThat(await(optOuts().replies(account.sid(), service.sid()))).isEmpty();

    OptOutReplies saved = await(optOuts().saveReplies(new OptOutReplies(service.sid(), account.sid(),
        false, "Bye", null, "Call us", T0)));
    assertThat(saved).isEqualTo(new OptOutReplies(service.sid(), account.sid(), false, "Bye", null,
        "Call us", T0.truncatedTo(ChronoUnit.MICROS)));
    assertThat(await(optOuts().replies(account.sid(), service.sid()))).contains(saved);
    assertThat(await(optOuts().replies(Sids.generate(Sids.ACCOUNT), service.sid()))).isEmpty();
  }
}
