package io.tern.account.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.messaging.v1.Service;
import com.twilio.rest.messaging.v1.service.AlphaSender;
import com.twilio.rest.messaging.v1.service.ShortCode;
import io.tern.Gateway;
import io.tern.store.PhoneNumber;
import io.tern.message.Sids;
import io.tern.testing.GatewayHttpClient;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An unchanged Twilio application, written with the official twilio-java SDK, manages its
 * Messaging Services through Tern and sends through one. The SDK blocks, so each scenario runs
 * on a worker thread, never on the gateway's event loops.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessagingServicesWithTwilioJavaTest {
  private Gateway gateway;
  private TwilioRestClient client;
  private PhoneNumber number;
  private io.tern.store.ShortCode shortCode;

  @BeforeAll
  void start(Vertx vertx, VertxTestContext testContext) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    TestGateway.inMemory(vertx)
        .compose(started -> {
          gateway = started;
          String account = started.mainAccount().sid();
          client = GatewayHttpClient.client(started.baseUrl(), account, started.mainAccount().authToken());
          return Future.all(
              started.components().accounts().addPhoneNumber(new PhoneNumber(
                  Sids.generate(Sids.PHONE_NUMBER), account, "+14155550100", null, null, null, null, now, now)),
              started.components().accounts().addShortCode(new io.tern.store.ShortCode(
                  Sids.generate(Sids.SHORT_CODE), account, "24680", "US", null, null, now, now)));
        })
        .onComplete(testContext.succeeding(registered -> {
          number = registered.resultAt(0);
          shortCode = registered.resultAt(1);
          testContext.completeNow();
        }));
  }

  @AfterAll
  void stop(VertxTestContext testContext) {
    gateway.stop().onComplete(testContext.succeedingThenComplete());
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  void createsReadsPagesUpdatesAndDeletesServices(Vertx vertx, VertxTestContext testContext) {
    record Outcome(Service created, List<String> createdSids, List<String> readSids,
        Service updated, boolean deleted, ApiException afterDelete) {}

    vertx.executeBlocking(() -> {
      Service created = Service.creator("SDK service")
          .setValidityPeriod(600)
          .setStickySender(false)
          .create(client);
      List<String> createdSids = new ArrayList<>(List.of(created.getSid()));
      for (int i = 0; i < 2; i++) {
        createdSids.add(Service.creator("SDK page filler " + i).create(client).getSid());
      }
      // Page size 2 over three services: the SDK must follow meta.next_page_url to see them all.
      List<String> readSids = new ArrayList<>();
      Service.reader().pageSize(2).read(client).forEach(service -> readSids.add(service.getSid()));
      Service updated = Service.updater(created.getSid()).setFriendlyName("Renamed").update(client);
      boolean deleted = Service.deleter(created.getSid()).delete(client);
      ApiException afterDelete = catchThrowableOfType(ApiException.class,
          () -> Service.fetcher(created.getSid()).fetch(client));
      return new Outcome(created, createdSids, readSids, updated, deleted, afterDelete);
    }).onComplete(testContext.succeeding(outcome -> testContext.verify(() -> {
      Service created = outcome.created();
      assertThat(created.getSid()).startsWith("MG");
      assertThat(created.getFriendlyName()).isEqualTo("SDK service");
      assertThat(created.getValidityPeriod()).isEqualTo(600);
      assertThat(created.getStickySender()).isFalse();
      assertThat(created.getSmartEncoding()).isTrue();
      assertThat(created.getScanMessageContent()).isEqualTo(Service.ScanMessageContent.INHERIT);
      // twilio-java reads a date it cannot parse as null: non-null proves the ISO format.
      assertThat(created.getDateCreated()).isNotNull();
      assertThat(created.getUrl().toString()).isEqualTo(gateway.baseUrl() + "/v1/Services/" + created.getSid());
      assertThat(created.getLinks()).containsKeys("phone_numbers", "short_codes", "alpha_senders");
      assertThat(outcome.readSids()).containsAll(outcome.createdSids());
      assertThat(outcome.updated().getFriendlyName()).isEqualTo("Renamed");
      assertThat(outcome.updated().getValidityPeriod()).isEqualTo(600);
      assertThat(outcome.deleted()).isTrue();
      assertThat(outcome.afterDelete().getStatusCode()).isEqualTo(404);
      assertThat(outcome.afterDelete().getCode()).isEqualTo(20404);
      testContext.completeNow();
    })));
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  void fillsAPoolAndSendsThroughIt(Vertx vertx, VertxTestContext testContext) {
    record Outcome(String serviceSid, com.twilio.rest.messaging.v1.service.PhoneNumber pooledNumber,
        ShortCode pooledCode, AlphaSender alpha, List<String> poolNumbers, ApiException refused,
        Message message) {}

    vertx.executeBlocking(() -> {
      String serviceSid = Service.creator("Pool via SDK").create(client).getSid();
      var pooledNumber = com.twilio.rest.messaging.v1.service.PhoneNumber
          .creator(serviceSid, number.sid()).create(client);
      ShortCode pooledCode = ShortCode.creator(serviceSid, shortCode.sid()).create(client);
      AlphaSender alpha = AlphaSender.creator(serviceSid, "TernCo").create(client);
      List<String> poolNumbers = new ArrayList<>();
      com.twilio.rest.messaging.v1.service.PhoneNumber.reader(serviceSid).read(client)
          .forEach(pooled -> poolNumbers.add(pooled.getPhoneNumber().toString()));
      String otherService = Service.creator("Second pool").create(client).getSid();
      ApiException refused = catchThrowableOfType(ApiException.class,
          () -> com.twilio.rest.messaging.v1.service.PhoneNumber.creator(otherService, number.sid()).create(client));
      Message message = Message.creator(new com.twilio.type.PhoneNumber("+14155550123"), serviceSid,
          "Hello through the pool").create(client);
      return new Outcome(serviceSid, pooledNumber, pooledCode, alpha, poolNumbers, refused, message);
    }).onComplete(testContext.succeeding(outcome -> testContext.verify(() -> {
      assertThat(outcome.pooledNumber().getSid()).isEqualTo(number.sid());
      assertThat(outcome.pooledNumber().getCountryCode()).isEqualTo("US");
      assertThat(outcome.pooledNumber().getCapabilities()).containsExactly("SMS", "MMS");
      assertThat(outcome.pooledNumber().getDateCreated()).isNotNull();
      assertThat(outcome.pooledCode().getShortCode()).isEqualTo("24680");
      assertThat(outcome.alpha().getSid()).startsWith("AI");
      assertThat(outcome.alpha().getAlphaSender()).isEqualTo("TernCo");
      assertThat(outcome.poolNumbers()).containsExactly("+14155550100");
      assertThat(outcome.refused().getCode()).isEqualTo(21712);
      assertThat(outcome.refused().getStatusCode()).isEqualTo(400);
      assertThat(outcome.message().getStatus()).isEqualTo(Message.Status.ACCEPTED);
      assertThat(outcome.message().getMessagingServiceSid()).isEqualTo(outcome.serviceSid());
      assertThat(outcome.message().getFrom()).isNull();
      testContext.completeNow();
    })));
  }
}
