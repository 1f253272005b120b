package io.tern.account;

import static io.tern.testing.ApiClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.store.Account;
import io.tern.store.AccountRegistry;
import io.tern.store.MessagingService;
import io.tern.store.ServiceSender;
import io.tern.message.Sids;
import io.tern.testing.ApiClient;
import io.tern.testing.GatewayApiTest;
import io.tern.testing.JsonSchemas;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * IncomingPhoneNumbers, SMS/ShortCodes and OutgoingCallerIds over real HTTP: what an account
 * registers, who sees it, and how it changes what the account may send. Runs once per store.
 */
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
abstract class NumberResourcesApiTest extends GatewayApiTest {
  /** Every field of spec {@code api.v2010.account.incoming_phone_number}. */
  static final List<String> NUMBER_FIELDS = List.of("account_sid", "address_sid",
      "address_requirements", "api_version", "beta", "capabilities", "date_created",
      "date_updated", "friendly_name", "identity_sid", "phone_number", "origin", "sid",
      "sms_application_sid", "sms_fallback_method", "sms_fallback_url", "sms_method", "sms_url",
      "status_callback", "status_callback_method", "trunk_sid", "uri", "voice_receive_mode",
      "voice_application_sid", "voice_caller_id_lookup", "voice_fallback_method",
      "voice_fallback_url", "voice_method", "voice_url", "emergency_status",
      "emergency_address_sid", "emergency_address_status", "bundle_sid", "status", "type");
  /** Every field of spec {@code api.v2010.account.short_code}. */
  static final List<String> SHORT_CODE_FIELDS = List.of("account_sid", "api_version",
      "date_created", "date_updated", "friendly_name", "short_code", "sid", "sms_fallback_method",
      "sms_fallback_url", "sms_method", "sms_url", "uri");
  /** Every field of spec {@code api.v2010.account.outgoing_caller_id}. */
  static final List<String> CALLER_ID_FIELDS = List.of("sid", "date_created", "date_updated",
      "friendly_name", "account_sid", "phone_number", "uri");
  /** Every field of spec {@code api.v2010.account.validation_request}. */
  static final List<String> VALIDATION_REQUEST_FIELDS = List.of("account_sid", "call_sid",
      "friendly_name", "phone_number", "validation_code");

  // IncomingPhoneNumbers

  @Test
  void aRegisteredNumberHasEveryFieldOfTwilios(VertxTestContext testContext) {
    api.post(numbers(main), form("PhoneNumber", "+1 (415) 555-0401", "SmsUrl", "https://shop.example/sms",
            "StatusCallback", "https://shop.example/status", "Throughput", "5"))
        .compose(created -> {
          JsonObject json = created.bodyAsJsonObject();
          testContext.verify(() -> {
            assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
            assertThat(json.fieldNames()).containsExactlyInAnyOrderElementsOf(NUMBER_FIELDS);
            assertThat(json.getString("sid")).matches("PN[0-9a-f]{32}");
            assertThat(json.getString("account_sid")).isEqualTo(main.sid());
            assertThat(json.getString("phone_number")).isEqualTo("+14155550401");
            assertThat(json.getString("friendly_name")).isEqualTo("(415) 555-0401");
            assertThat(json.getJsonObject("capabilities")).isEqualTo(new JsonObject()
                .put("voice", false).put("sms", true).put("mms", true).put("fax", false));
            assertThat(json.getString("sms_url")).isEqualTo("https://shop.example/sms");
            assertThat(json.getString("status_callback")).isEqualTo("https://shop.example/status");
            assertThat(json.getString("sms_method")).isEqualTo("POST");
            assertThat(json.getString("sms_fallback_method")).isEqualTo("POST");
            assertThat(json.getValue("sms_fallback_url")).isNull();
            assertThat(json.getValue("voice_url")).isNull();
            assertThat(json.getString("status")).isEqualTo("in-use");
            assertThat(json.getString("uri")).isEqualTo(
                "/2010-04-01/Accounts/" + main.sid() + "/IncomingPhoneNumbers/" + json.getString("sid") + ".json");
            JsonSchemas.assertValid("incoming-phone-number", json);
          });
          return Future.all(api.get(json.getString("uri")),
              registry().findPhoneNumber(main.sid(), json.getString("sid")));
        })
        .onComplete(testContext.succeeding(both -> testContext.verify(() -> {
          HttpResponse<Buffer> fetched = both.resultAt(0);
          assertThat(fetched.statusCode()).isEqualTo(200);
          assertThat(fetched.bodyAsJsonObject().getString("phone_number")).isEqualTo("+14155550401");
          java.util.Optional<io.tern.store.PhoneNumber> stored = both.resultAt(1);
          assertThat(stored).hasValueSatisfying(number -> assertThat(number.throughput()).isEqualTo(5));
          testContext.completeNow();
        })));
  }

  @Test
  void aNumbersSmsMethodAndFallbackAreStoredAndShown(VertxTestContext testContext) {
    api.post(numbers(main), form("PhoneNumber", "+14155550405", "SmsUrl", "https://shop.example/sms",
            "SmsMethod", "get", "SmsFallbackUrl", "https://backup.example/sms",
            "SmsFallbackMethod", "GET"))
        .compose(created -> {
          JsonObject json = created.bodyAsJsonObject();
          testContext.verify(() -> {
            assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
            assertThat(json.getString("sms_method")).isEqualTo("GET");
            assertThat(json.getString("sms_fallback_url")).isEqualTo("https://backup.example/sms");
            assertThat(json.getString("sms_fallback_method")).isEqualTo("GET");
            JsonSchemas.assertValid("incoming-phone-number", json);
          });
          return Future.all(api.get(json.getString("uri")),
              registry().findPhoneNumber(main.sid(), json.getString("sid")));
        })
        .onComplete(testContext.succeeding(both -> testContext.verify(() -> {
          JsonObject fetched = ((HttpResponse<Buffer>) both.resultAt(0)).bodyAsJsonObject();
          assertThat(fetched.getString("sms_method")).isEqualTo("GET");
          assertThat(fetched.getString("sms_fallback_url")).isEqualTo("https://backup.example/sms");
          assertThat(fetched.getString("sms_fallback_method")).isEqualTo("GET");
          java.util.Optional<io.tern.store.PhoneNumber> stored = both.resultAt(1);
          assertThat(stored).hasValueSatisfying(number -> {
            assertThat(number.smsMethod()).isEqualTo("GET");
            assertThat(number.smsFallbackUrl()).isEqualTo("https://backup.example/sms");
            assertThat(number.smsFallbackMethod()).isEqualTo("GET");
          });
          testContext.completeNow();
        })));
  }

  @Test
  void aNumberRegisteredAnywhereIsNotAvailable(VertxTestContext testContext) {
    String number = "+14155550402";
    createSubaccount(false)
        .compose(sub -> api.post(numbers(main), form("PhoneNumber", number))
            .compose(first -> Future.all(
                api.post(numbers(main), form("PhoneNumber", number)),
                as(sub).post(numbers(sub), form("PhoneNumber", number)))))
        .onComplete(testContext.succeeding(both -> testContext.verify(() -> {
          for (int i = 0; i < 2; i++) {
            HttpResponse<Buffer> refused = both.resultAt(i);
            assertError(refused, 400, 21422);
            assertThat(refused.bodyAsJsonObject().getString("message")).contains(number);
          }
          testContext.completeNow();
        })));
  }

  @Test
  void numbersThatCannotBeRegisteredAreRefusedWithACode(VertxTestContext testContext) {
    Future.all(List.of(
            api.post(numbers(main), form("PhoneNumber", "+1415")),
            api.post(numbers(main), form("PhoneNumber", "4155550403")),
            api.post(numbers(main), form("AreaCode", "415")),
            api.post(numbers(main), form()),
            api.post(numbers(main), form("PhoneNumber", "+14155550403", "Throughput", "0")),
            api.post(numbers(main), form("PhoneNumber", "+14155550403", "SmsUrl", "ftp://x")),
            api.post(numbers(main), form("PhoneNumber", "+14155550403", "StatusCallback", "nope")),
            api.post(numbers(main), form("PhoneNumber", "+14155550403", "SmsMethod", "PUT")),
            api.post(numbers(main), form("PhoneNumber", "+14155550403", "SmsFallbackUrl", "not a url")),
            api.post(numbers(main), form("PhoneNumber", "+14155550403", "SmsFallbackMethod", "DELETE"))))
        .onComplete(testContext.succeeding(all -> testContext.verify(() -> {
          assertError(all.resultAt(0), 400, 21401);
          assertError(all.resultAt(1), 400, 21401);
          assertError(all.resultAt(2), 400, 20001);
          assertThat(((HttpResponse<Buffer>) all.resultAt(2)).bodyAsJsonObject().getString("message"))
              .contains("AreaCode is not supported");
          assertError(all.resultAt(3), 400, 20001);
          assertError(all.resultAt(4), 400, 20001);
          assertError(all.resultAt(5), 400, 20001);
          assertError(all.resultAt(6), 400, 21609);
          assertError(all.resultAt(7), 400, 20001);
          assertThat(((HttpResponse<Buffer>) all.resultAt(7)).bodyAsJsonObject().getString("message"))
              .isEqualTo("SmsMethod must be GET or POST, not 'PUT'");
          assertError(all.resultAt(8), 400, 20001);
          assertError(all.resultAt(9), 400, 20001);
          testContext.completeNow();
        })));
  }

  @Test
  void listsFilterByPartialNumberWithWildcardsAndByName(VertxTestContext testContext) {
    createSubaccount(false)
        .compose(sub -> Future.all(
                register(sub, "+14155550411", "Front desk"),
                register(sub, "+14155550412", "Back office"),
                register(sub, "+447700900413", "London"))
            .compose(registered -> Future.all(List.of(
                api.get(numbersQuery(sub, "PhoneNumber=" + encode("+1415555*41*"))),
                api.get(numbersQuery(sub, "PhoneNumber=0412")),
                api.get(numbersQuery(sub, "FriendlyName=London")),
                api.get(numbersQuery(sub, "PageSize=2")),
                api.get(numbersQuery(sub, "Origin=twilio"))))))
        .onComplete(testContext.succeeding(all -> testContext.verify(() -> {
          JsonObject wildcard = ((HttpResponse<Buffer>) all.resultAt(0)).bodyAsJsonObject();
          JsonSchemas.assertValid("incoming-phone-number-list", wildcard);
          assertThat(phoneNumbers(wildcard)).containsExactlyInAnyOrder("+14155550411", "+14155550412");
          assertThat(wildcard.getString("uri")).contains("PhoneNumber=%2B1415555*41*");
          assertThat(phoneNumbers(((HttpResponse<Buffer>) all.resultAt(1)).bodyAsJsonObject()))
              .containsExactly("+14155550412");
          assertThat(phoneNumbers(((HttpResponse<Buffer>) all.resultAt(2)).bodyAsJsonObject()))
              .containsExactly("+447700900413");
          JsonObject firstPage = ((HttpResponse<Buffer>) all.resultAt(3)).bodyAsJsonObject();
          assertThat(phoneNumbers(firstPage)).hasSize(2);
          assertThat(firstPage.getString("next_page_uri")).isNotNull();
          assertThat(phoneNumbers(((HttpResponse<Buffer>) all.resultAt(4)).bodyAsJsonObject())).isEmpty();
          testContext.completeNow();
        })));
  }

  @Test
  void aDeletedNumberLeavesItsServicePoolAndCanBeRegisteredAgain(VertxTestContext testContext) {
    String number = "+14155550421";
    String serviceSid = Sids.generate(Sids.SERVICE);
    api.post(numbers(main), form("PhoneNumber", number))
        .compose(created -> {
          String sid = created.bodyAsJsonObject().getString("sid");
          String uri = created.bodyAsJsonObject().getString("uri");
          return registry().createService(service(serviceSid))
              .compose(service -> registry().addServiceSender(new ServiceSender(sid, main.sid(),
                  serviceSid, ServiceSender.Kind.PHONE_NUMBER, number, "US", now(), now())))
              .compose(pooled -> api.delete(uri))
              .compose(deleted -> {
                testContext.verify(() -> {
                  assertThat(deleted.statusCode()).isEqualTo(204);
                  assertThat(deleted.bodyAsString()).isNullOrEmpty();
                });
                return Future.all(api.get(uri),
                    registry().listServiceSenders(main.sid(), serviceSid, null),
                    api.post(numbers(main), form("PhoneNumber", number)));
              });
        })
        .onComplete(testContext.succeeding(after -> testContext.verify(() -> {
          assertError(after.resultAt(0), 404, 20404);
          List<ServiceSender> pool = after.resultAt(1);
          assertThat(pool).isEmpty();
          assertThat(((HttpResponse<Buffer>) after.resultAt(2)).statusCode()).isEqualTo(201);
          testContext.completeNow();
        })));
  }

  @Test
  void aSubaccountSeesOnlyItsOwnNumbersItsMainAccountSeesThemToo(VertxTestContext testContext) {
    Future.all(createSubaccount(false), createSubaccount(false))
        .compose(subs -> {
          Account mine = subs.resultAt(0);
          Account sibling = subs.resultAt(1);
          return Future.all(register(mine, "+14155550431", null), register(sibling, "+14155550432", null))
              .compose(registered -> {
                String mineUri = ((HttpResponse<Buffer>) registered.resultAt(0)).bodyAsJsonObject().getString("uri");
                String siblingSid = ((HttpResponse<Buffer>) registered.resultAt(1)).bodyAsJsonObject().getString("sid");
                return Future.all(List.of(
                    as(mine).get(numbers(sibling)),
                    as(mine).get(numbers(main)),
                    as(mine).get("/2010-04-01/Accounts/" + mine.sid() + "/IncomingPhoneNumbers/" + siblingSid + ".json"),
                    as(sibling).delete(mineUri),
                    api.get(numbers(mine)),
                    api.get(mineUri),
                    as(mine).get(numbers(mine))));
              });
        })
        .onComplete(testContext.succeeding(all -> testContext.verify(() -> {
          assertError(all.resultAt(0), 404, 20404);
          assertError(all.resultAt(1), 404, 20404);
          assertError(all.resultAt(2), 404, 20404);
          assertError(all.resultAt(3), 404, 20404);
          assertThat(phoneNumbers(((HttpResponse<Buffer>) all.resultAt(4)).bodyAsJsonObject()))
              .containsExactly("+14155550431");
          assertThat(((HttpResponse<Buffer>) all.resultAt(5)).statusCode()).isEqualTo(200);
          assertThat(phoneNumbers(((HttpResponse<Buffer>) all.resultAt(6)).bodyAsJsonObject()))
              .containsExactly("+14155550431");
          testContext.completeNow();
        })));
  }

  // SMS/ShortCodes

  @Test
  void shortCodesAreRegisteredListedAndFetched(VertxTestContext testContext) {
    createSubaccount(false)
        .compose(sub -> Future.all(
                as(sub).post(shortCodes(sub), form("ShortCode", "44001")),
                as(sub).post(shortCodes(sub), form("ShortCode", "44002", "CountryCode", "gb",
                    "FriendlyName", "UK promotions", "Throughput", "30")))
            .compose(created -> {
              HttpResponse<Buffer> us = created.resultAt(0);
              HttpResponse<Buffer> uk = created.resultAt(1);
              testContext.verify(() -> {
                assertThat(us.statusCode()).as(us.bodyAsString()).isEqualTo(201);
                assertThat(uk.statusCode()).as(uk.bodyAsString()).isEqualTo(201);
                JsonObject json = us.bodyAsJsonObject();
                assertThat(json.fieldNames()).containsExactlyInAnyOrderElementsOf(SHORT_CODE_FIELDS);
                assertThat(json.getString("sid")).matches("SC[0-9a-f]{32}");
                assertThat(json.getString("short_code")).isEqualTo("44001");
                assertThat(json.getString("friendly_name")).isEqualTo("44001");
                assertThat(json.getString("uri")).isEqualTo("/2010-04-01/Accounts/" + sub.sid()
                    + "/SMS/ShortCodes/" + json.getString("sid") + ".json");
                JsonSchemas.assertValid("short-code", json);
              });
              return Future.all(
                  as(sub).get(shortCodes(sub)),
                  as(sub).get(us.bodyAsJsonObject().getString("uri")),
                  as(sub).get(shortCodes(sub) + "?ShortCode=44*02"),
                  registry().findShortCode(sub.sid(), uk.bodyAsJsonObject().getString("sid")));
            }))
        .onComplete(testContext.succeeding(all -> testContext.verify(() -> {
          JsonObject list = ((HttpResponse<Buffer>) all.resultAt(0)).bodyAsJsonObject();
          JsonSchemas.assertValid("short-code-list", list);
          assertThat(codes(list)).containsExactlyInAnyOrder("44001", "44002");
          assertThat(((HttpResponse<Buffer>) all.resultAt(1)).statusCode()).isEqualTo(200);
          assertThat(codes(((HttpResponse<Buffer>) all.resultAt(2)).bodyAsJsonObject()))
              .containsExactly("44002");
          java.util.Optional<io.tern.store.ShortCode> uk = all.resultAt(3);
          assertThat(uk).hasValueSatisfying(code -> {
            assertThat(code.countryCode()).isEqualTo("GB");
            assertThat(code.throughput()).isEqualTo(30);
          });
          testContext.completeNow();
        })));
  }

  @Test
  void shortCodesThatCannotBeRegisteredAreRefused(VertxTestContext testContext) {
    api.post(shortCodes(main), form("ShortCode", "44011"))
        .compose(first -> Future.all(List.of(
            api.post(shortCodes(main), form("ShortCode", "44011")),
            api.post(shortCodes(main), form("ShortCode", "12")),
            api.post(shortCodes(main), form("ShortCode", "+14155550100")),
            api.post(shortCodes(main), form("ShortCode", "44012", "CountryCode", "XX")),
            api.post(shortCodes(main), form()))))
        .onComplete(testContext.succeeding(all -> testContext.verify(() -> {
          assertError(all.resultAt(0), 400, 21422);
          assertError(all.resultAt(1), 400, 20001);
          assertError(all.resultAt(2), 400, 20001);
          assertError(all.resultAt(3), 400, 20001);
          assertError(all.resultAt(4), 400, 20001);
          testContext.completeNow();
        })));
  }

  // OutgoingCallerIds

  @Test
  void aTrialAccountSendsOnlyToVerifiedCallerIds(VertxTestContext testContext) {
    String sender = "+14155550441";
    String friend = "+14155550442";
    createSubaccount(true)
        .compose(trial -> {
          ApiClient client = as(trial);
          return client.post(numbers(trial), form("PhoneNumber", sender))
              .compose(registered -> send(client, trial, sender, friend))
              .compose(unverified -> {
                testContext.verify(() -> assertError(unverified, 400, 21219));
                return client.post(callerIds(trial), form("PhoneNumber", friend, "FriendlyName", "Friend"));
              })
              .compose(validation -> {
                testContext.verify(() -> {
                  assertThat(validation.statusCode()).as(validation.bodyAsString()).isEqualTo(200);
                  JsonObject json = validation.bodyAsJsonObject();
                  assertThat(json.fieldNames()).containsExactlyInAnyOrderElementsOf(VALIDATION_REQUEST_FIELDS);
                  assertThat(json.getString("account_sid")).isEqualTo(trial.sid());
                  assertThat(json.getString("phone_number")).isEqualTo(friend);
                  assertThat(json.getString("friendly_name")).isEqualTo("Friend");
                  assertThat(json.getValue("call_sid")).isNull();
                  assertThat(json.getString("validation_code")).matches("[0-9]{6}");
                });
                return Future.all(
                    send(client, trial, sender, friend),
                    client.get(callerIds(trial)),
                    client.post(callerIds(trial), form("PhoneNumber", friend)));
              });
        })
        .onComplete(testContext.succeeding(all -> testContext.verify(() -> {
          HttpResponse<Buffer> sent = all.resultAt(0);
          assertThat(sent.statusCode()).as(sent.bodyAsString()).isEqualTo(201);
          JsonObject list = ((HttpResponse<Buffer>) all.resultAt(1)).bodyAsJsonObject();
          JsonSchemas.assertValid("outgoing-caller-id-list", list);
          JsonArray callerIds = list.getJsonArray("outgoing_caller_ids");
          assertThat(callerIds).hasSize(1);
          JsonObject callerId = callerIds.getJsonObject(0);
          assertThat(callerId.fieldNames()).containsExactlyInAnyOrderElementsOf(CALLER_ID_FIELDS);
          assertThat(callerId.getString("sid")).matches("PN[0-9a-f]{32}");
          assertThat(callerId.getString("phone_number")).isEqualTo(friend);
          JsonSchemas.assertValid("outgoing-caller-id", callerId);
          assertError(all.resultAt(2), 400, 21450);
          testContext.completeNow();
        })));
  }

  @Test
  void callerIdsAreFetchedAndFilteredWithinTheirAccount(VertxTestContext testContext) {
    Future.all(createSubaccount(true), createSubaccount(true))
        .compose(subs -> {
          Account mine = subs.resultAt(0);
          Account other = subs.resultAt(1);
          return Future.all(
                  as(mine).post(callerIds(mine), form("PhoneNumber", "+14155550451")),
                  as(mine).post(callerIds(mine), form("PhoneNumber", "+447700900452")))
              .compose(created -> as(mine).get(callerIds(mine) + "?PhoneNumber=" + encode("+447700900452")))
              .compose(filtered -> {
                JsonObject only = filtered.bodyAsJsonObject().getJsonArray("outgoing_caller_ids").getJsonObject(0);
                return Future.all(List.of(
                    Future.succeededFuture(filtered),
                    as(mine).get(only.getString("uri")),
                    as(other).get("/2010-04-01/Accounts/" + other.sid() + "/OutgoingCallerIds/"
                        + only.getString("sid") + ".json"),
                    as(other).get(callerIds(mine)),
                    as(mine).post(callerIds(mine), form("PhoneNumber", "12")),
                    api.get(callerIds(mine))));
              });
        })
        .onComplete(testContext.succeeding(all -> testContext.verify(() -> {
          JsonArray filtered = ((HttpResponse<Buffer>) all.resultAt(0)).bodyAsJsonObject()
              .getJsonArray("outgoing_caller_ids");
          assertThat(filtered).hasSize(1);
          HttpResponse<Buffer> fetched = all.resultAt(1);
          assertThat(fetched.statusCode()).isEqualTo(200);
          assertThat(fetched.bodyAsJsonObject().getString("phone_number")).isEqualTo("+447700900452");
          assertThat(fetched.bodyAsJsonObject().getString("friendly_name")).isEqualTo("+44 7700 900452");
          JsonSchemas.assertValid("outgoing-caller-id", fetched.bodyAsJsonObject());
          assertError(all.resultAt(2), 404, 20404);
          assertError(all.resultAt(3), 404, 20404);
          assertError(all.resultAt(4), 400, 21401);
          assertThat(((HttpResponse<Buffer>) all.resultAt(5)).bodyAsJsonObject()
              .getJsonArray("outgoing_caller_ids")).hasSize(2);
          testContext.completeNow();
        })));
  }

  // Helpers

  AccountRegistry registry() {
    return gateway.components().accounts();
  }

  Future<Account> createSubaccount(boolean trial) {
    return api.post("/2010-04-01/Accounts.json", form("Type", trial ? "Trial" : "Full"))
        .map(response -> {
          JsonObject json = response.bodyAsJsonObject();
          if (response.statusCode() != 201) {
            throw new AssertionError("creating a subaccount answered " + json);
          }
          return new Account(json.getString("sid"), json.getString("auth_token"),
              json.getString("friendly_name"), json.getString("owner_account_sid"),
              Account.Status.ACTIVE, trial ? Account.Type.TRIAL : Account.Type.FULL, null, null);
        });
  }

  Future<HttpResponse<Buffer>> register(Account account, String number, String friendlyName) {
    return as(account).post(numbers(account), friendlyName == null
            ? form("PhoneNumber", number)
            : form("PhoneNumber", number, "FriendlyName", friendlyName))
        .map(response -> {
          if (response.statusCode() != 201) {
            throw new AssertionError("registering " + number + " answered " + response.bodyAsString());
          }
          return response;
        });
  }

  Future<HttpResponse<Buffer>> send(ApiClient client, Account account, String from, String to) {
    return client.post("/2010-04-01/Accounts/" + account.sid() + "/Messages.json",
        form("To", to, "From", from, "Body", "hi"));
  }

  ApiClient as(Account account) {
    return ApiClient.as(web, gateway, account);
  }

  MessagingService service(String sid) {
    return new MessagingService(sid, main.sid(), "Pool", null, "POST", null, "POST", null, true,
        true, false, "inherit", false, false, 36_000, true, "undeclared", true, now(), now());
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  static String numbers(Account account) {
    return "/2010-04-01/Accounts/" + account.sid() + "/IncomingPhoneNumbers.json";
  }

  static String numbersQuery(Account account, String query) {
    return numbers(account) + "?" + query;
  }

  static String shortCodes(Account account) {
    return "/2010-04-01/Accounts/" + account.sid() + "/SMS/ShortCodes.json";
  }

  static String callerIds(Account account) {
    return "/2010-04-01/Accounts/" + account.sid() + "/OutgoingCallerIds.json";
  }

  static List<String> phoneNumbers(JsonObject page) {
    return page.getJsonArray("incoming_phone_numbers").stream()
        .map(item -> ((JsonObject) item).getString("phone_number")).toList();
  }

  static List<String> codes(JsonObject page) {
    return page.getJsonArray("short_codes").stream()
        .map(item -> ((JsonObject) item).getString("short_code")).toList();
  }

  static void assertError(HttpResponse<Buffer> response, int status, int code) {
    AccountApiTest.assertError(response, status, code);
  }

  static String encode(String value) {
    return AccountApiTest.encode(value);
  }
}
