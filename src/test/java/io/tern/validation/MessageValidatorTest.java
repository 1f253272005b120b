package io.tern.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.message.Media;
import io.tern.message.Message;
import io.tern.message.Sids;
import io.tern.outbound.Cidr;
import io.tern.outbound.OutboundGuard;
import io.tern.outbound.OutboundRules;
import io.tern.store.Account;
import io.tern.store.PhoneNumber;
import io.tern.store.memory.InMemoryAccountRegistry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The message a valid request becomes: here, with and without media. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class MessageValidatorTest {
  private static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");
  private static final String SENDER = "+14155550100";
  private static final String RECIPIENT = "+14155550123";
  /** Media is served from 127.0.0.1. */
  private static final OutboundRules LOOPBACK_ALLOWED =
      new OutboundRules(true, Cidr.parseAll(OutboundRules.DEFAULT_DENY), List.of());

  private final InMemoryAccountRegistry accounts = new InMemoryAccountRegistry();
  private final Account account = new Account(Sids.generate(Sids.ACCOUNT), Sids.token(), "Main",
      null, Account.Status.ACTIVE, Account.Type.FULL, NOW, NOW);
  private MessageValidator validator;
  private MediaServer media;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    OutboundGuard guard = new OutboundGuard(vertx, LOOPBACK_ALLOWED);
    validator = new MessageValidator(accounts, ValidationOptions.fromJson(null),
        new MediaChecker(vertx, guard, MediaLimits.defaults()), guard,
        Clock.fixed(NOW, ZoneOffset.UTC));
    accounts.createAccount(account)
        .compose(created -> accounts.addPhoneNumber(new PhoneNumber(
            Sids.generate(Sids.PHONE_NUMBER), account.sid(), SENDER, "Line", null, null, null,
            NOW, NOW)))
        .compose(added -> MediaServer.start(vertx, new HttpServerOptions()))
        .onComplete(ctx.succeeding(server -> {
          media = server;
          ctx.completeNow();
        }));
  }

  @Test
  void aTextMessageHasNoMedia(VertxTestContext ctx) {
    validate(form().add("Body", "hi"))
        .onComplete(ctx.succeeding(message -> ctx.verify(() -> {
          assertThat(message.sid()).startsWith(Sids.MESSAGE);
          assertThat(message.media()).isEmpty();
          assertThat(message.sendPlan().mms()).isFalse();
          assertThat(message.sendPlan().text()).isEqualTo("hi");
          ctx.completeNow();
        })));
  }

  @Test
  void anMmsCarriesItsCheckedMediaUnderItsOwnSid(VertxTestContext ctx) {
    String picture = media.url("/pic.png");
    validate(form().add("Body", "look").add("MediaUrl", picture))
        .onComplete(ctx.succeeding(message -> ctx.verify(() -> {
          assertThat(message.sid()).startsWith(Sids.MMS_MESSAGE);
          assertThat(message.media()).singleElement().satisfies(item -> {
            assertThat(item.sid()).startsWith(Sids.MEDIA);
            assertThat(item).isEqualTo(new Media(item.sid(), account.sid(), message.sid(),
                picture, "image/png", NOW));
          });
          assertThat(message.sendPlan().mms()).isTrue();
          ctx.completeNow();
        })));
  }

  private Future<Message> validate(MultiMap form) {
    return validator.validate(CreateMessageRequest.fromForm(account, form));
  }

  /** To a US number from the account's own. */
  private static MultiMap form() {
    return MultiMap.caseInsensitiveMultiMap().add("To", RECIPIENT).add("From", SENDER);
  }
}
