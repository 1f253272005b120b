package io.tern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.twilio.base.Page;
import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.Domains;
import com.twilio.rest.api.v2010.Account;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.ValidationRequest;
import com.twilio.rest.api.v2010.account.message.Feedback;
import com.twilio.rest.api.v2010.account.message.Media;
import com.twilio.rest.messaging.v1.Service;
import com.twilio.rest.messaging.v1.service.AlphaSender;
import com.twilio.rest.messaging.v1.service.ShortCode;
import com.twilio.type.PhoneNumber;
import io.tern.message.Sids;
import io.tern.testing.GatewayHttpClient;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The official twilio-java SDK, unchanged, against a real gateway on PostgreSQL over loopback
 * HTTP: what a Twilio application does is what these tests do. The SDK blocks, so every call
 * runs on the test thread and never on one of the gateway's event loops.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TwilioSdkTest {
  private static final PhoneNumber SENDER = new PhoneNumber("+14155550100");
  /** A sender kept busy by one long message, so the next one waits in its queue. */
  private static final PhoneNumber BUSY_SENDER = new PhoneNumber("+14155550110");
  /** Sends only messages a test waits to see sent, so none waits behind the others. */
  private static final PhoneNumber QUIET_SENDER = new PhoneNumber("+14155550120");
  private static final PhoneNumber RECIPIENT = new PhoneNumber("+14155550123");
  private static final byte[] PNG = png();

  private Gateway gateway;
  private HttpServer mediaHost;
  private TwilioRestClient client;

  @BeforeAll
  void start(Vertx vertx, VertxTestContext testContext) {
    TestGateway.onPostgres(vertx, "twilio_sdk")
        .compose(started -> {
          gateway = started;
          String main = started.mainAccount().sid();
          client = GatewayHttpClient.client(started.baseUrl(), main, started.mainAccount().authToken());
          return Future.all(register(main, SENDER), register(main, BUSY_SENDER), register(main, QUIET_SENDER));
        })
        .compose(registered -> startMediaHost(vertx))
        .onComplete(testContext.succeedingThenComplete());
  }

  private Future<io.tern.store.PhoneNumber> register(String accountSid, PhoneNumber number) {
    Instant now = Instant.now();
    return gateway.components().accounts().addPhoneNumber(new io.tern.store.PhoneNumber(
        Sids.generate(Sids.PHONE_NUMBER), accountSid, number.toString(), null, null, null, null,
        now, now));
  }

  /** A web server holding one real PNG, as an MMS application would point MediaUrl at. */
  private Future<Void> startMediaHost(Vertx vertx) {
    return vertx.createHttpServer()
        .requestHandler(request -> {
          if (request.path().equals("/logo.png")) {
            request.response().putHeader("Content-Type", "image/png").end(Buffer.buffer(PNG));
          } else {
            request.response().setStatusCode(404).end();
          }
        })
        .listen(0, "127.0.0.1")
        .onSuccess(server -> mediaHost = server)
        .mapEmpty();
  }

  @AfterAll
  void stop(VertxTestContext testContext) {
    Future.all(gateway.stop(), mediaHost.close()).onComplete(testContext.succeedingThenComplete());
  }

  // Messages

  @Test
  void createsAnSmsAndFetchesItBack() {
    Message created = Message.creator(RECIPIENT, SENDER, "Hello from Tern").create(client);

    assertThat(created.getSid()).matches("SM[0-9a-f]{32}");
    assertThat(created.getAccountSid()).isEqualTo(gateway.mainAccount().sid());
    assertThat(created.getStatus()).isEqualTo(Message.Status.QUEUED);
    // The SDK maps a date it cannot parse to null without a word: non-null proves the format.
    assertThat(created.getDateCreated()).isNotNull();
    assertThat(created.getDateUpdated()).isNotNull();
    assertThat(created.getDateSent()).isNull();
    assertThat(created.getNumSegments()).isEqualTo("1");
    assertThat(created.getNumMedia()).isEqualTo("0");
    assertThat(created.getDirection()).isEqualTo(Message.Direction.OUTBOUND_API);
    assertThat(created.getFrom()).isEqualTo(SENDER);
    assertThat(created.getTo()).isEqualTo(RECIPIENT.toString());
    assertThat(created.getBody()).isEqualTo("Hello from Tern");
    assertThat(created.getSubresourceUris()).containsKeys("media", "feedback");

    Message fetched = Message.fetcher(created.getSid()).fetch(client);

    assertThat(fetched.getSid()).isEqualTo(created.getSid());
    assertThat(fetched.getBody()).isEqualTo("Hello from Tern");
    assertThat(fetched.getDateCreated()).isEqualTo(created.getDateCreated());
  }

  @Test
  void readsNewestFirstAcrossPagesOfTwo() {
    PhoneNumber to = new PhoneNumber("+14155550201");
    List<String> created = createSequentially(to, 5);
    List<String> newestFirst = reversed(created);

    List<String> read = sids(Message.reader().setTo(to).limit(5).pageSize(2).read(client));

    assertThat(read).containsExactlyElementsOf(newestFirst);

    // The same, page by page: 2, 2, then 1 and no further page.
    Page<Message> first = Message.reader().setTo(to).pageSize(2).firstPage(client);
    Page<Message> second = Message.reader().nextPage(first, client);
    Page<Message> third = Message.reader().nextPage(second, client);
    assertThat(first.getRecords()).extracting(Message::getSid).containsExactlyElementsOf(newestFirst.subList(0, 2));
    assertThat(second.getRecords()).extracting(Message::getSid).containsExactlyElementsOf(newestFirst.subList(2, 4));
    assertThat(third.getRecords()).extracting(Message::getSid).containsExactlyElementsOf(newestFirst.subList(4, 5));
    assertThat(first.hasNextPage()).isTrue();
    assertThat(third.hasNextPage()).isFalse();
  }

  @Test
  void aLimitStopsTheReaderEarly() {
    PhoneNumber to = new PhoneNumber("+14155550202");
    List<String> created = createSequentially(to, 4);

    List<String> read = sids(Message.reader().setTo(to).limit(3).pageSize(2).read(client));

    assertThat(read).containsExactlyElementsOf(reversed(created).subList(0, 3));
  }

  @Test
  void dateSentFiltersCompareGmtDaysWhateverTheSdkSends() {
    PhoneNumber to = new PhoneNumber("+14155550203");
    Message created = Message.creator(to, QUIET_SENDER, "filter me").create(client);
    Message sent = awaitFetch(created.getSid(), fetched -> fetched.getDateSent() != null);
    ZonedDateTime startOfDay = sent.getDateSent().withZoneSameInstant(ZoneOffset.UTC)
        .truncatedTo(ChronoUnit.DAYS);
    ZonedDateTime lastSecondOfDay = startOfDay.plusDays(1).minusSeconds(1);

    // The SDK sends a date-time (DateSent=2026-12-06T00:00:00); Twilio reads it as that GMT
    // day, and the operators inside the names ("DateSent>", "DateSent<") compare days too.
    assertThat(sids(Message.reader().setTo(to).setDateSent(startOfDay).read(client)))
        .containsExactly(created.getSid());
    assertThat(sids(Message.reader().setTo(to).setDateSent(lastSecondOfDay).read(client)))
        .containsExactly(created.getSid());
    assertThat(sids(Message.reader().setTo(to).setDateSentBefore(startOfDay).read(client)))
        .containsExactly(created.getSid());
    assertThat(sids(Message.reader().setTo(to).setDateSentAfter(lastSecondOfDay).read(client)))
        .containsExactly(created.getSid());

    assertThat(sids(Message.reader().setTo(to).setDateSent(startOfDay.plusDays(1)).read(client))).isEmpty();
    assertThat(sids(Message.reader().setTo(to).setDateSentBefore(startOfDay.minusSeconds(1)).read(client)))
        .isEmpty();
    assertThat(sids(Message.reader().setTo(to).setDateSentAfter(startOfDay.plusDays(1)).read(client)))
        .isEmpty();
    assertThat(sent.getDateSent()).isAfterOrEqualTo(created.getDateCreated());
  }

  @Test
  void anInvalidToIsRefusedWith21211() {
    ApiException error = catchThrowableOfType(ApiException.class,
        () -> Message.creator(new PhoneNumber("+1415"), SENDER, "hi").create(client));

    assertThat(error.getCode()).isEqualTo(21211);
    assertThat(error.getStatusCode()).isEqualTo(400);
    assertThat(error.getMoreInfo()).isEqualTo("https://www.twilio.com/docs/errors/21211");
    assertThat(error.getMessage()).contains("+1415");
  }

  @Test
  void anUnknownSidIs20404() {
    ApiException error = catchThrowableOfType(ApiException.class,
        () -> Message.fetcher("SM0123456789abcdef0123456789abcdef").fetch(client));

    assertThat(error.getCode()).isEqualTo(20404);
    assertThat(error.getStatusCode()).isEqualTo(404);
  }

  @Test
  void aWrongTokenIs20003() {
    TwilioRestClient wrong = GatewayHttpClient.client(
        gateway.baseUrl(), gateway.mainAccount().sid(), "0".repeat(32));

    ApiException error = catchThrowableOfType(ApiException.class,
        () -> Message.reader().read(wrong).iterator().hasNext());

    assertThat(error.getCode()).isEqualTo(20003);
    assertThat(error.getStatusCode()).isEqualTo(401);
  }

  @Test
  void aQueuedMessageCanBeNeitherCanceledNorDeleted() {
    // Eleven segments hold a US long code for eleven seconds at its 1 segment/s, so the message
    // behind them is still queued while the calls below are made.
    Message.creator(RECIPIENT, BUSY_SENDER, "x".repeat(1600)).create(client);
    Message queued = Message.creator(RECIPIENT, BUSY_SENDER, "still in flight").create(client);

    ApiException cancel = catchThrowableOfType(ApiException.class,
        () -> Message.updater(queued.getSid()).setStatus(Message.UpdateStatus.CANCELED).update(client));
    ApiException delete = catchThrowableOfType(ApiException.class,
        () -> Message.deleter(queued.getSid()).delete(client));

    assertThat(cancel.getCode()).isEqualTo(30409);
    assertThat(cancel.getStatusCode()).isEqualTo(400);
    assertThat(delete.getCode()).isEqualTo(20009);
    assertThat(delete.getStatusCode()).isEqualTo(409);
    assertThat(Message.fetcher(queued.getSid()).fetch(client).getStatus()).isEqualTo(Message.Status.QUEUED);
  }

  @Test
  void anMmsCarriesItsMediaAsAMediaSubresource() {
    URI logo = URI.create("http://127.0.0.1:" + mediaHost.actualPort() + "/logo.png");

    Message mms = Message.creator(RECIPIENT, SENDER, "Our new logo").setMediaUrl(List.of(logo)).create(client);
    List<Media> media = list(Media.reader(mms.getSid()).read(client));

    assertThat(mms.getSid()).matches("MM[0-9a-f]{32}");
    assertThat(mms.getNumMedia()).isEqualTo("1");
    assertThat(media).singleElement().satisfies(item -> {
      assertThat(item.getSid()).matches("ME[0-9a-f]{32}");
      assertThat(item.getParentSid()).isEqualTo(mms.getSid());
      assertThat(item.getContentType()).isEqualTo("image/png");
      assertThat(item.getDateCreated()).isNotNull();
    });
    assertThat(Media.fetcher(mms.getSid(), media.get(0).getSid()).fetch(client).getContentType())
        .isEqualTo("image/png");
  }

  @Test
  void feedbackConfirmsAMessage() {
    Message message = Message.creator(RECIPIENT, SENDER, "Your code is 481516").create(client);

    Feedback feedback = Feedback.creator(message.getSid()).setOutcome(Feedback.Outcome.CONFIRMED).create(client);

    assertThat(feedback.getMessageSid()).isEqualTo(message.getSid());
    assertThat(feedback.getOutcome()).isEqualTo(Feedback.Outcome.CONFIRMED);
    assertThat(feedback.getDateCreated()).isNotNull();
  }

  // Accounts and numbers

  @Test
  void aSubaccountIsCreatedFoundSuspendedAndReactivated() {
    Account created = Account.creator().setFriendlyName("Acme Europe").create(client);
    TwilioRestClient asSubaccount = clientOf(created);

    assertThat(created.getSid()).matches("AC[0-9a-f]{32}");
    assertThat(created.getOwnerAccountSid()).isEqualTo(gateway.mainAccount().sid());
    assertThat(created.getFriendlyName()).isEqualTo("Acme Europe");
    assertThat(created.getAuthToken()).matches("[0-9a-f]{32}");
    assertThat(created.getStatus()).isEqualTo(Account.Status.ACTIVE);
    assertThat(created.getType()).isEqualTo(Account.Type.FULL);
    assertThat(created.getDateCreated()).isNotNull();
    assertThat(created.getSubresourceUris()).containsKeys("messages", "incoming_phone_numbers");
    assertThat(Account.fetcher(created.getSid()).fetch(client).getFriendlyName()).isEqualTo("Acme Europe");
    assertThat(list(Account.reader().setFriendlyName("Acme Europe").read(client)))
        .extracting(Account::getSid).containsExactly(created.getSid());

    Account suspended = Account.updater(created.getSid()).setStatus(Account.Status.SUSPENDED).update(client);
    ApiException whileSuspended = catchThrowableOfType(ApiException.class,
        () -> Message.reader().read(asSubaccount));
    List<Account> suspendedOnes = list(Account.reader().setStatus(Account.Status.SUSPENDED).read(client));
    Account reactivated = Account.updater(created.getSid()).setStatus(Account.Status.ACTIVE).update(client);

    assertThat(suspended.getStatus()).isEqualTo(Account.Status.SUSPENDED);
    assertThat(whileSuspended.getCode()).isEqualTo(20403);
    assertThat(whileSuspended.getStatusCode()).isEqualTo(403);
    assertThat(suspendedOnes).extracting(Account::getSid).contains(created.getSid());
    assertThat(reactivated.getStatus()).isEqualTo(Account.Status.ACTIVE);
    assertThat(list(Message.reader().read(asSubaccount))).isEmpty();
  }

  @Test
  void aSubaccountRegistersItsNumberAndSendsFromIt() {
    Account acme = Account.creator().setFriendlyName("Acme US").create(client);
    TwilioRestClient asAcme = clientOf(acme);
    PhoneNumber acmeLine = new PhoneNumber("+14155550401");

    IncomingPhoneNumber number = IncomingPhoneNumber.creator(acmeLine).setFriendlyName("Acme support").create(asAcme);
    Message sent = Message.creator(RECIPIENT, acmeLine, "From Acme").create(asAcme);

    assertThat(number.getSid()).matches("PN[0-9a-f]{32}");
    assertThat(number.getAccountSid()).isEqualTo(acme.getSid());
    assertThat(number.getPhoneNumber()).isEqualTo(acmeLine);
    assertThat(number.getFriendlyName()).isEqualTo("Acme support");
    assertThat(number.getCapabilities().getSms()).isTrue();
    assertThat(number.getDateCreated()).isNotNull();
    assertThat(sent.getAccountSid()).isEqualTo(acme.getSid());
    assertThat(sent.getStatus()).isEqualTo(Message.Status.QUEUED);
    // The main account reaches into its subaccount by the account sid in the path...
    assertThat(Message.fetcher(acme.getSid(), sent.getSid()).fetch(client).getBody()).isEqualTo("From Acme");
    assertThat(list(IncomingPhoneNumber.reader(acme.getSid()).read(client)))
        .extracting(IncomingPhoneNumber::getSid).containsExactly(number.getSid());
    // ...but the subaccount's number is not one the main account may send from.
    ApiException notOurs = catchThrowableOfType(ApiException.class,
        () -> Message.creator(RECIPIENT, acmeLine, "hi").create(client));
    assertThat(notOurs.getCode()).isEqualTo(21606);
  }

  @Test
  void aTrialSubaccountSendsOnlyToNumbersItVerified() {
    Account trial = createTrialSubaccount("Acme trial");
    TwilioRestClient asTrial = clientOf(trial);
    PhoneNumber trialLine = new PhoneNumber("+14155550411");
    PhoneNumber friend = new PhoneNumber("+14155550412");
    IncomingPhoneNumber.creator(trialLine).create(asTrial);

    ApiException unverified = catchThrowableOfType(ApiException.class,
        () -> Message.creator(friend, trialLine, "hi").create(asTrial));
    ApiException alphanumeric = catchThrowableOfType(ApiException.class,
        () -> Message.creator(new PhoneNumber("+447700900123"), new PhoneNumber("AcmeShop"), "hi").create(asTrial));
    ValidationRequest validation = ValidationRequest.creator(friend).setFriendlyName("Friend").create(asTrial);
    Message sent = Message.creator(friend, trialLine, "hi").create(asTrial);

    assertThat(trial.getType()).isEqualTo(Account.Type.TRIAL);
    assertThat(unverified.getCode()).isEqualTo(21219);
    assertThat(unverified.getStatusCode()).isEqualTo(400);
    assertThat(alphanumeric.getCode()).isEqualTo(21267);
    assertThat(validation.getAccountSid()).isEqualTo(trial.getSid());
    assertThat(validation.getPhoneNumber()).isEqualTo(friend);
    assertThat(validation.getFriendlyName()).isEqualTo("Friend");
    assertThat(sent.getStatus()).isEqualTo(Message.Status.QUEUED);
    assertThat(sent.getBody()).isEqualTo("Sent from your Twilio trial account - hi");
  }

  /**
   * Type=Trial is Tern's own parameter, which AccountCreator does not know: the application
   * sends it through the SDK's client as a plain request, with the same credentials and host.
   */
  private Account createTrialSubaccount(String friendlyName) {
    return Account.fromJson(post("/2010-04-01/Accounts.json",
        Map.of("FriendlyName", friendlyName, "Type", "Trial")), client.getObjectMapper());
  }

  /** A form POST to the 2010 API through the SDK's own client; the created resource's JSON. */
  private String post(String path, Map<String, String> form) {
    Request request = new Request(HttpMethod.POST, Domains.API.toString(), path);
    request.setContentType(EnumConstants.ContentType.FORM_URLENCODED);
    form.forEach(request::addPostParam);
    Response response = client.request(request);
    String body = response.getContent();
    assertThat(response.getStatusCode()).as(body).isEqualTo(201);
    return body;
  }

  private TwilioRestClient clientOf(Account account) {
    return GatewayHttpClient.client(gateway.baseUrl(), account.getSid(), account.getAuthToken());
  }

  // Messaging Services

  @Test
  void servicesAreCreatedAndReadAcrossPages() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      created.add(Service.creator("Paging service " + i).create(client).getSid());
    }
    Service first = Service.fetcher(created.get(0)).fetch(client);

    Page<Service> firstPage = Service.reader().pageSize(2).firstPage(client);
    List<String> all = list(Service.reader().pageSize(2).read(client)).stream().map(Service::getSid).toList();

    assertThat(first.getSid()).matches("MG[0-9a-f]{32}");
    assertThat(first.getFriendlyName()).isEqualTo("Paging service 0");
    assertThat(first.getDateCreated()).isNotNull();
    assertThat(first.getUrl()).hasToString(gateway.baseUrl() + "/v1/Services/" + first.getSid());
    assertThat(first.getLinks()).containsKeys("phone_numbers", "short_codes", "alpha_senders");
    assertThat(firstPage.getRecords()).hasSize(2);
    assertThat(firstPage.hasNextPage()).isTrue();
    assertThat(all).containsAll(created).doesNotHaveDuplicates();
  }

  @Test
  void aServicePoolPicksTheSenderOfAMessage() {
    String service = Service.creator("Acme notifications").create(client).getSid();
    IncomingPhoneNumber line = IncomingPhoneNumber.creator(new PhoneNumber("+14155550501")).create(client);
    String shortCodeSid = new JsonObject(post("/2010-04-01/Accounts/" + gateway.mainAccount().sid()
        + "/SMS/ShortCodes.json", Map.of("ShortCode", "55501", "CountryCode", "CA"))).getString("sid");

    com.twilio.rest.messaging.v1.service.PhoneNumber pooled =
        com.twilio.rest.messaging.v1.service.PhoneNumber.creator(service, line.getSid()).create(client);
    ShortCode pooledCode = ShortCode.creator(service, shortCodeSid).create(client);
    AlphaSender alpha = AlphaSender.creator(service, "Acme").create(client);
    Message message = Message.creator(RECIPIENT, service, "Your parcel is on its way").create(client);

    assertThat(pooled.getSid()).isEqualTo(line.getSid());
    assertThat(pooled.getServiceSid()).isEqualTo(service);
    assertThat(pooled.getPhoneNumber()).hasToString("+14155550501");
    assertThat(pooled.getCapabilities()).contains("SMS");
    assertThat(pooled.getDateCreated()).isNotNull();
    assertThat(pooledCode.getShortCode()).isEqualTo("55501");
    assertThat(alpha.getSid()).matches("AI[0-9a-f]{32}");
    assertThat(alpha.getAlphaSender()).isEqualTo("Acme");
    assertThat(list(com.twilio.rest.messaging.v1.service.PhoneNumber.reader(service).read(client)))
        .extracting(com.twilio.rest.messaging.v1.service.PhoneNumber::getSid).containsExactly(line.getSid());
    assertThat(list(AlphaSender.reader(service).read(client))).extracting(AlphaSender::getAlphaSender)
        .containsExactly("Acme");

    assertThat(message.getStatus()).isEqualTo(Message.Status.ACCEPTED);
    assertThat(message.getFrom()).isNull();
    assertThat(message.getMessagingServiceSid()).isEqualTo(service);
    // Neither the alphanumeric ID nor the Canadian short code reaches a US number: the pool's
    // long code is the only sender that can, and the gateway picks it once the message is taken.
    Message assigned = awaitFetch(message.getSid(), fetched -> fetched.getFrom() != null);
    assertThat(assigned.getFrom()).isEqualTo(new PhoneNumber("+14155550501"));
  }

  @Test
  void aScheduledMessageIsCanceledThenDeleted() {
    String service = Service.creator("Acme reminders").create(client).getSid();
    IncomingPhoneNumber line = IncomingPhoneNumber.creator(new PhoneNumber("+14155550511")).create(client);
    com.twilio.rest.messaging.v1.service.PhoneNumber.creator(service, line.getSid()).create(client);

    Message scheduled = Message.creator(RECIPIENT, service, "Your appointment is tomorrow")
        .setScheduleType(Message.ScheduleType.FIXED)
        .setSendAt(ZonedDateTime.now(ZoneOffset.UTC).plusHours(2))
        .create(client);
    ApiException deleteWhileScheduled = catchThrowableOfType(ApiException.class,
        () -> Message.deleter(scheduled.getSid()).delete(client));
    Message canceled = Message.updater(scheduled.getSid()).setStatus(Message.UpdateStatus.CANCELED).update(client);
    boolean deleted = Message.deleter(scheduled.getSid()).delete(client);

    assertThat(scheduled.getStatus()).isEqualTo(Message.Status.SCHEDULED);
    assertThat(scheduled.getDateSent()).isNull();
    assertThat(deleteWhileScheduled.getCode()).isEqualTo(20009);
    assertThat(canceled.getStatus()).isEqualTo(Message.Status.CANCELED);
    assertThat(deleted).isTrue();
    assertThat(catchThrowableOfType(ApiException.class, () -> Message.fetcher(scheduled.getSid()).fetch(client))
        .getStatusCode()).isEqualTo(404);
  }

  /**
   * Fetches the message until it satisfies {@code done}: the states after creation are reached
   * by the gateway's own verticles, not by the request that created the message.
   */
  private Message awaitFetch(String sid, Predicate<Message> done) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (true) {
      Message fetched = Message.fetcher(sid).fetch(client);
      if (done.test(fetched) || System.nanoTime() > deadline) {
        return fetched;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
  }

  // Helpers

  private List<String> createSequentially(PhoneNumber to, int count) {
    List<String> sids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sids.add(Message.creator(to, SENDER, "message " + i).create(client).getSid());
    }
    return sids;
  }

  private static <T> List<T> list(Iterable<T> records) {
    return StreamSupport.stream(records.spliterator(), false).toList();
  }

  private static List<String> sids(Iterable<Message> messages) {
    return list(messages).stream().map(Message::getSid).toList();
  }

  private static List<String> reversed(List<String> items) {
    List<String> copy = new ArrayList<>(items);
    Collections.reverse(copy);
    return copy;
  }

  private static byte[] png() {
    BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < 16; x++) {
      for (int y = 0; y < 16; y++) {
        image.setRGB(x, y, (x * 16) << 16 | (y * 16) << 8);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
