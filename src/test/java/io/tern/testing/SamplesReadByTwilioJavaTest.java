package io.tern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.OutgoingCallerId;
import com.twilio.rest.api.v2010.account.ShortCode;
import com.twilio.rest.api.v2010.account.message.Feedback;
import com.twilio.rest.api.v2010.account.message.Media;
import com.twilio.rest.messaging.v1.Service;
import com.twilio.rest.messaging.v1.service.AlphaSender;
import com.twilio.rest.messaging.v1.service.PhoneNumber;
import java.time.Instant;
import java.util.Currency;
import org.junit.jupiter.api.Test;

/**
 * The schema-valid samples read cleanly in twilio-java: dates and enums come out non-null (the
 * SDK maps what it cannot parse to null without a word), so the schemas ask for what the SDK reads.
 */
class SamplesReadByTwilioJavaTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant CREATED = Instant.parse("2025-01-06T14:03:07Z");

  private static String sample(String name) {
    return Samples.load(name).encode();
  }

  @Test
  void message() {
    Message message = Message.fromJson(sample("message"), MAPPER);

    assertThat(message.getDateCreated().toInstant()).isEqualTo(CREATED);
    assertThat(message.getDateUpdated()).isNotNull();
    assertThat(message.getStatus()).isEqualTo(Message.Status.QUEUED);
    assertThat(message.getDirection()).isEqualTo(Message.Direction.OUTBOUND_API);
    assertThat(message.getNumSegments()).isEqualTo("1");
    assertThat(message.getSubresourceUris()).containsKeys("media", "feedback");
  }

  @Test
  void deliveredMessageWithPrice() {
    Message message = Message.fromJson(
        Samples.load("message-list").getJsonArray("messages").getJsonObject(1).encode(), MAPPER);

    assertThat(message.getDateSent()).isNotNull();
    assertThat(message.getStatus()).isEqualTo(Message.Status.DELIVERED);
    assertThat(message.getPriceUnit()).isEqualTo(Currency.getInstance("USD"));
  }

  @Test
  void mediaAndFeedback() {
    Media media = Media.fromJson(sample("media"), MAPPER);
    Feedback feedback = Feedback.fromJson(sample("feedback"), MAPPER);

    assertThat(media.getDateCreated().toInstant()).isEqualTo(CREATED);
    assertThat(feedback.getDateCreated().toInstant()).isEqualTo(CREATED);
    assertThat(feedback.getOutcome()).isEqualTo(Feedback.Outcome.CONFIRMED);
  }

  @Test
  void accountAndItsNumbers() {
    Account account = Account.fromJson(sample("account"), MAPPER);
    IncomingPhoneNumber number = IncomingPhoneNumber.fromJson(sample("incoming-phone-number"), MAPPER);
    ShortCode shortCode = ShortCode.fromJson(sample("short-code"), MAPPER);
    OutgoingCallerId callerId = OutgoingCallerId.fromJson(sample("outgoing-caller-id"), MAPPER);

    assertThat(account.getDateCreated().toInstant()).isEqualTo(CREATED);
    assertThat(account.getStatus()).isEqualTo(Account.Status.ACTIVE);
    assertThat(account.getType()).isEqualTo(Account.Type.FULL);
    assertThat(number.getDateCreated()).isNotNull();
    assertThat(number.getCapabilities().getSms()).isTrue();
    assertThat(shortCode.getDateCreated()).isNotNull();
    assertThat(callerId.getDateCreated()).isNotNull();
  }

  @Test
  void messagingServiceAndSenders() {
    Service service = Service.fromJson(sample("v1-service"), MAPPER);
    PhoneNumber number = PhoneNumber.fromJson(sample("v1-phone-number"), MAPPER);
    com.twilio.rest.messaging.v1.service.ShortCode shortCode =
        com.twilio.rest.messaging.v1.service.ShortCode.fromJson(sample("v1-short-code"), MAPPER);
    AlphaSender alphaSender = AlphaSender.fromJson(sample("v1-alpha-sender"), MAPPER);

    assertThat(service.getDateCreated().toInstant()).isEqualTo(CREATED);
    assertThat(service.getScanMessageContent()).isEqualTo(Service.ScanMessageContent.INHERIT);
    assertThat(service.getLinks()).containsKeys("phone_numbers", "short_codes", "alpha_senders");
    assertThat(number.getDateCreated().toInstant()).isEqualTo(CREATED);
    assertThat(number.getCapabilities()).containsExactly("SMS", "MMS");
    assertThat(shortCode.getDateCreated()).isNotNull();
    assertThat(alphaSender.getDateCreated()).isNotNull();
  }
}
