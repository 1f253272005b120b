package io.tern.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.OutgoingCallerId;
import com.twilio.rest.api.v2010.account.ShortCode;
import com.twilio.rest.api.v2010.account.ValidationRequest;
import com.twilio.type.PhoneNumber;
import io.tern.Gateway;
import io.tern.testing.ApiClient;
import io.tern.testing.GatewayHttpClient;
import io.tern.testing.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The account resources driven by the official twilio-java SDK, unchanged, as a Twilio
 * application would drive them: proof that every field it reads (dates, enums, capabilities)
 * comes back parsed. The SDK blocks, so it runs on worker threads.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class AccountResourcesSdkTest {
  Gateway gateway;
  TwilioRestClient main;

  @BeforeAll
  void startGateway(Vertx vertx, VertxTestContext testContext) {
    TestGateway.inMemory(vertx)
        .onSuccess(started -> {
          gateway = started;
          main = client(started.mainAccount().sid(), started.mainAccount().authToken());
        })
        .onComplete(testContext.succeedingThenComplete());
  }

  @AfterAll
  void stopGateway(VertxTestContext testContext) {
    gateway.stop().onComplete(testContext.succeedingThenComplete());
  }

  @Test
  void subaccountsAreCreatedReadSuspendedAndReactivated(Vertx vertx, VertxTestContext testContext) {
    vertx.executeBlocking(() -> {
          Account created = Account.creator().setFriendlyName("SDK shop").create(main);
          Account suspended = Account.updater(created.getSid())
              .setStatus(Account.Status.SUSPENDED).update(main);
          List<Account> listed = StreamSupport.stream(
              Account.reader().setStatus(Account.Status.SUSPENDED).read(main).spliterator(), false)
              .toList();
          Account reactivated = Account.updater(created.getSid())
              .setStatus(Account.Status.ACTIVE).update(main);
          return List.of(created, suspended, reactivated, listed);
        })
        .onComplete(testContext.succeeding(results -> testContext.verify(() -> {
          Account created = (Account) results.get(0);
          assertThat(created.getSid()).matches("AC[0-9a-f]{32}");
          assertThat(created.getFriendlyName()).isEqualTo("SDK shop");
          assertThat(created.getOwnerAccountSid()).isEqualTo(gateway.mainAccount().sid());
          assertThat(created.getType()).isEqualTo(Account.Type.FULL);
          assertThat(created.getStatus()).isEqualTo(Account.Status.ACTIVE);
          assertThat(created.getDateCreated()).isNotNull();
          assertThat(created.getSubresourceUris()).containsKeys("messages", "incoming_phone_numbers");
          assertThat(((Account) results.get(1)).getStatus()).isEqualTo(Account.Status.SUSPENDED);
          assertThat(((Account) results.get(2)).getStatus()).isEqualTo(Account.Status.ACTIVE);
          @SuppressWarnings("unchecked")
          List<Account> listed = (List<Account>) results.get(3);
          assertThat(listed).extracting(Account::getSid).containsExactly(created.getSid());
          testContext.completeNow();
        })));
  }

  @Test
  void numbersAreRegisteredReadAndReleased(Vertx vertx, VertxTestContext testContext) {
    vertx.executeBlocking(() -> {
          IncomingPhoneNumber created = IncomingPhoneNumber.creator(new PhoneNumber("+14155550501"))
              .setFriendlyName("Support line").create(main);
          List<IncomingPhoneNumber> found = StreamSupport.stream(IncomingPhoneNumber.reader()
              .setPhoneNumber(new PhoneNumber("+1415555050*")).read(main).spliterator(), false).toList();
          IncomingPhoneNumber fetched = IncomingPhoneNumber.fetcher(created.getSid()).fetch(main);
          boolean deleted = IncomingPhoneNumber.deleter(created.getSid()).delete(main);
          return List.of(created, found, fetched, deleted);
        })
        .onComplete(testContext.succeeding(results -> testContext.verify(() -> {
          IncomingPhoneNumber created = (IncomingPhoneNumber) results.get(0);
          assertThat(created.getSid()).matches("PN[0-9a-f]{32}");
          assertThat(created.getPhoneNumber().toString()).isEqualTo("+14155550501");
          assertThat(created.getCapabilities().getSms()).isTrue();
          assertThat(created.getCapabilities().getMms()).isTrue();
          assertThat(created.getCapabilities().getVoice()).isFalse();
          assertThat(created.getDateCreated()).isNotNull();
          assertThat(created.getAddressRequirements()).isEqualTo(IncomingPhoneNumber.AddressRequirement.NONE);
          @SuppressWarnings("unchecked")
          List<IncomingPhoneNumber> found = (List<IncomingPhoneNumber>) results.get(1);
          assertThat(found).extracting(IncomingPhoneNumber::getSid).containsExactly(created.getSid());
          assertThat(((IncomingPhoneNumber) results.get(2)).getFriendlyName()).isEqualTo("Support line");
          assertThat(results.get(3)).isEqualTo(true);
          testContext.completeNow();
        })));
  }

  @Test
  void shortCodesRegisteredOverHttpAreReadByTheSdk(Vertx vertx, VertxTestContext testContext) {
    ApiClient.as(WebClient.create(vertx), gateway, gateway.mainAccount())
        .post("/2010-04-01/Accounts/" + gateway.mainAccount().sid() + "/SMS/ShortCodes.json",
            ApiClient.form("ShortCode", "55501"))
        .compose(registered -> vertx.executeBlocking(() -> {
          List<ShortCode> listed = StreamSupport.stream(
              ShortCode.reader().setShortCode("55501").read(main).spliterator(), false).toList();
          ShortCode fetched = ShortCode.fetcher(listed.get(0).getSid()).fetch(main);
          return List.of(listed, fetched);
        }))
        .onComplete(testContext.succeeding(results -> testContext.verify(() -> {
          ShortCode fetched = (ShortCode) results.get(1);
          assertThat(fetched.getShortCode()).isEqualTo("55501");
          assertThat(fetched.getSid()).matches("SC[0-9a-f]{32}");
          assertThat(fetched.getDateCreated()).isNotNull();
          testContext.completeNow();
        })));
  }

  @Test
  void aTrialSubaccountVerifiesACallerIdThenSendsToIt(Vertx vertx, VertxTestContext testContext) {
    // Type is Tern's extension the SDK does not know, so the parent creates the trial over HTTP.
    ApiClient.as(WebClient.create(vertx), gateway, gateway.mainAccount())
        .post("/2010-04-01/Accounts.json", ApiClient.form("Type", "Trial"))
        .map(response -> response.bodyAsJsonObject())
        .compose(trialJson -> vertx.executeBlocking(() -> {
          TwilioRestClient trial = client(trialJson.getString("sid"), trialJson.getString("auth_token"));
          IncomingPhoneNumber.creator(new PhoneNumber("+14155550511")).create(trial);
          PhoneNumber friend = new PhoneNumber("+14155550512");
          ApiException refused = null;
          try {
            Message.creator(friend, new PhoneNumber("+14155550511"), "hi").create(trial);
          } catch (ApiException e) {
            refused = e;
          }
          ValidationRequest validation = ValidationRequest.creator(friend)
              .setFriendlyName("Friend").create(trial);
          Message sent = Message.creator(friend, new PhoneNumber("+14155550511"), "hi").create(trial);
          List<OutgoingCallerId> callerIds = StreamSupport.stream(
              OutgoingCallerId.reader().read(trial).spliterator(), false).toList();
          OutgoingCallerId fetched = OutgoingCallerId.fetcher(callerIds.get(0).getSid()).fetch(trial);
          return List.of(refused, validation, sent, fetched);
        }))
        .onComplete(testContext.succeeding(results -> testContext.verify(() -> {
          assertThat(((ApiException) results.get(0)).getCode()).isEqualTo(21219);
          ValidationRequest validation = (ValidationRequest) results.get(1);
          assertThat(validation.getPhoneNumber().toString()).isEqualTo("+14155550512");
          assertThat(validation.getValidationCode()).isEqualTo("000000");
          assertThat(validation.getCallSid()).isNull();
          assertThat(((Message) results.get(2)).getStatus()).isEqualTo(Message.Status.QUEUED);
          OutgoingCallerId fetched = (OutgoingCallerId) results.get(3);
          assertThat(fetched.getFriendlyName()).isEqualTo("Friend");
          assertThat(fetched.getDateCreated()).isNotNull();
          testContext.completeNow();
        })));
  }

  TwilioRestClient client(String accountSid, String authToken) {
    return GatewayHttpClient.client(gateway.baseUrl(), accountSid, authToken);
  }
}
