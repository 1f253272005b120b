package io.tern.account.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.account.services.ApiCalls.Answer;
import io.tern.store.Account;
import io.tern.store.AccountRegistry;
import io.tern.store.PhoneNumber;
import io.tern.store.ServiceSender;
import io.tern.store.ShortCode;
import io.tern.message.Sids;
import io.tern.testing.GatewayApiTest;
import io.tern.testing.JsonSchemas;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Messaging Services and their sender pools over real HTTP, as an SDK drives them. Runs once
 * per store: each subclass says which one its gateway uses.
 */
abstract class MessagingServicesApiContract extends GatewayApiTest {
  private static final String SERVICES = "/v1/Services";
  private static final List<String> SERVICE_FIELDS = List.of("sid", "account_sid", "friendly_name",
      "date_created", "date_updated", "inbound_request_url", "inbound_method", "fallback_url",
      "fallback_method", "status_callback", "sticky_sender", "mms_converter", "smart_encoding",
      "scan_message_content", "fallback_to_long_code", "area_code_geomatch",
      "synchronous_validation", "validity_period", "url", "links", "usecase",
      "us_app_to_person_registered", "use_inbound_webhook_on_number");
  private static final String ISO_DATE = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";

  private AccountRegistry registry;
  private ApiCalls calls;
  private final AtomicInteger numbers = new AtomicInteger();

  @Override
  protected Future<?> prepare() {
    registry = gateway.components().accounts();
    calls = new ApiCalls(web, gateway);
    return Future.succeededFuture();
  }

  // Services

  @Test
  @Timeout(10_000)
  void createsAServiceWithEveryFieldAndTwiliosDefaults(VertxTestContext testContext) {
    calls.post(main, SERVICES, "FriendlyName", "Alerts").onComplete(testContext.succeeding(created ->
        testContext.verify(() -> {
          assertThat(created.status()).isEqualTo(201);
          JsonObject service = created.json();
          JsonSchemas.assertValid("v1-service", service);
          assertThat(service.fieldNames()).containsAll(SERVICE_FIELDS);
          assertThat(service.getString("sid")).matches("MG[0-9a-f]{32}");
          assertThat(service.getString("account_sid")).isEqualTo(main.sid());
          assertThat(service.getString("friendly_name")).isEqualTo("Alerts");
          assertThat(service.getString("date_created")).matches(ISO_DATE);
          assertThat(service.getString("date_updated")).matches(ISO_DATE);
          assertThat(service.containsKey("inbound_request_url")).isTrue();
          assertThat(service.getValue("inbound_request_url")).isNull();
          assertThat(service.getValue("fallback_url")).isNull();
          assertThat(service.getValue("status_callback")).isNull();
          assertThat(service.getString("inbound_method")).isEqualTo("POST");
          assertThat(service.getString("fallback_method")).isEqualTo("POST");
          assertThat(service.getBoolean("sticky_sender")).isTrue();
          assertThat(service.getBoolean("mms_converter")).isTrue();
          assertThat(service.getBoolean("smart_encoding")).isTrue();
          assertThat(service.getString("scan_message_content")).isEqualTo("inherit");
          assertThat(service.getBoolean("fallback_to_long_code")).isFalse();
          assertThat(service.getBoolean("area_code_geomatch")).isTrue();
          assertThat(service.getInteger("validity_period")).isEqualTo(36_000);
          assertThat(service.getBoolean("synchronous_validation")).isFalse();
          assertThat(service.getString("usecase")).isEqualTo("undeclared");
          assertThat(service.getBoolean("us_app_to_person_registered")).isFalse();
          assertThat(service.getBoolean("use_inbound_webhook_on_number")).isFalse();

          String url = gateway.baseUrl() + "/v1/Services/" + service.getString("sid");
          assertThat(service.getString("url")).isEqualTo(url);
          assertThat(service.getJsonObject("links").getMap()).containsOnly(
              entry("phone_numbers", url + "/PhoneNumbers"),
              entry("short_codes", url + "/ShortCodes"),
              entry("alpha_senders", url + "/AlphaSenders"),
              entry("messages", url + "/Messages"),
              entry("us_app_to_person", url + "/Compliance/Usa2p"),
              entry("us_app_to_person_usecases", url + "/Compliance/Usa2p/Usecases"),
              entry("channel_senders", url + "/ChannelSenders"),
              entry("destination_alpha_senders", url + "/DestinationAlphaSenders"));
          testContext.completeNow();
        })));
  }

  @Test
  @Timeout(10_000)
  void fetchesUpdatesAndDeletesAService(VertxTestContext testContext) {
    AtomicReference<String> path = new AtomicReference<>();
    calls.post(main, SERVICES, "FriendlyName", "Reminders", "StatusCallback", "https://example.com/status")
        .compose(created -> {
          path.set(SERVICES + "/" + created.json().getString("sid"));
          return calls.get(main, path.get()).map(fetched -> {
            testContext.verify(() -> {
              assertThat(fetched.status()).isEqualTo(200);
              assertThat(fetched.json()).isEqualTo(created.json());
            });
            return fetched;
          });
        })
        .compose(fetched -> calls.post(main, path.get(), "FriendlyName", "Renamed",
            "StickySender", "false", "ValidityPeriod", "600", "Usecase", "marketing",
            "InboundRequestUrl", "https://example.com/inbound", "InboundMethod", "GET"))
        .compose(updated -> {
          testContext.verify(() -> {
            assertThat(updated.status()).isEqualTo(200);
            JsonObject service = updated.json();
            assertThat(service.getString("friendly_name")).isEqualTo("Renamed");
            assertThat(service.getBoolean("sticky_sender")).isFalse();
            assertThat(service.getInteger("validity_period")).isEqualTo(600);
            assertThat(service.getString("usecase")).isEqualTo("marketing");
            assertThat(service.getString("inbound_request_url")).isEqualTo("https://example.com/inbound");
            assertThat(service.getString("inbound_method")).isEqualTo("GET");
            // What the update did not name stays as it was.
            assertThat(service.getString("status_callback")).isEqualTo("https://example.com/status");
            assertThat(service.getBoolean("mms_converter")).isTrue();
          });
          return calls.post(main, path.get(), "StatusCallback", "");
        })
        .compose(cleared -> {
          testContext.verify(() -> assertThat(cleared.json().getValue("status_callback")).isNull());
          return calls.delete(main, path.get());
        })
        .compose(deleted -> {
          testContext.verify(() -> assertThat(deleted.status()).isEqualTo(204));
          return calls.get(main, path.get());
        })
        .onComplete(testContext.succeeding(gone -> testContext.verify(() -> {
          assertError(gone, 404, 20404);
          testContext.completeNow();
        })));
  }

  @Test
  @Timeout(10_000)
  void refusesAServiceWithoutAUsableFriendlyNameOrWithBadSettings(VertxTestContext testContext) {
    Future.all(List.of(
            calls.post(main, SERVICES),
            calls.post(main, SERVICES, "FriendlyName", "x".repeat(65)),
            calls.post(main, SERVICES, "FriendlyName", "ok", "ValidityPeriod", "0"),
            calls.post(main, SERVICES, "FriendlyName", "ok", "ValidityPeriod", "36001"),
            calls.post(main, SERVICES, "FriendlyName", "ok", "StickySender", "yes"),
            calls.post(main, SERVICES, "FriendlyName", "ok", "Usecase", "spam"),
            calls.post(main, SERVICES, "FriendlyName", "ok", "ScanMessageContent", "sometimes"),
            calls.post(main, SERVICES, "FriendlyName", "ok", "StatusCallback", "ftp://example.com"),
            calls.post(main, SERVICES, "FriendlyName", "x".repeat(64), "ValidityPeriod", "36000")))
        .onComplete(testContext.succeeding(all -> testContext.verify(() -> {
          List<Answer> answers = all.list();
          assertError(answers.get(0), 400, 20001);
          assertThat(answers.get(0).json().getString("message")).contains("FriendlyName");
          assertError(answers.get(1), 400, 20001);
          assertThat(answers.get(1).json().getString("message")).contains("64");
          assertError(answers.get(2), 400, 20001);
          assertThat(answers.get(2).json().getString("message")).contains("ValidityPeriod");
          assertError(answers.get(3), 400, 20001);
          assertError(answers.get(4), 400, 20001);
          assertThat(answers.get(4).json().getString("message")).contains("StickySender");
          assertError(answers.get(5), 400, 20001);
          assertError(answers.get(6), 400, 20001);
          assertError(answers.get(7), 400, 21609);
          assertThat(answers.get(8).status()).isEqualTo(201);
          testContext.completeNow();
        })));
  }

  @Test
  @Timeout(10_000)
  void pagesThroughServicesByFollowingNextPageUrl(VertxTestContext testContext) {
    List<String> created = new ArrayList<>();
    List<String> listed = new ArrayList<>();
    newAccount(Account.Type.FULL)
        .compose(account -> createServices(account, 3, created)
            .compose(ignored -> calls.get(account, SERVICES + "?PageSize=2"))
            .compose(first -> {
              testContext.verify(() -> {
                assertThat(first.status()).isEqualTo(200);
                JsonSchemas.assertValid("v1-service-list", first.json());
                assertThat(first.json().fieldNames()).containsExactlyInAnyOrder("services", "meta");
                JsonObject meta = first.json().getJsonObject("meta");
                assertThat(meta.fieldNames()).containsExactlyInAnyOrder("page", "page_size",
                    "first_page_url", "previous_page_url", "url", "next_page_url", "key");
                assertThat(meta.getInteger("page")).isZero();
                assertThat(meta.getInteger("page_size")).isEqualTo(2);
                assertThat(meta.getString("key")).isEqualTo("services");
                assertThat(meta.getValue("previous_page_url")).isNull();
                assertThat(meta.getString("first_page_url"))
                    .isEqualTo(gateway.baseUrl() + "/v1/Services?PageSize=2&Page=0");
                assertThat(meta.getString("url")).isEqualTo(meta.getString("first_page_url"));
                assertThat(meta.getString("next_page_url")).startsWith(gateway.baseUrl() + "/v1/Services?");
              });
              first.json().getJsonArray("services")
                  .forEach(item -> listed.add(((JsonObject) item).getString("sid")));
              return calls.get(account, first.json().getJsonObject("meta").getString("next_page_url"));
            }))
        .onComplete(testContext.succeeding(second -> testContext.verify(() -> {
          assertThat(second.status()).isEqualTo(200);
          JsonSchemas.assertValid("v1-service-list", second.json());
          JsonObject meta = second.json().getJsonObject("meta");
          assertThat(meta.getInteger("page")).isEqualTo(1);
          assertThat(meta.containsKey("next_page_url")).isTrue();
          assertThat(meta.getValue("next_page_url")).isNull();
          assertThat(meta.getString("previous_page_url"))
              .isEqualTo(gateway.baseUrl() + "/v1/Services?PageSize=2&Page=0");
          second.json().getJsonArray("services")
              .forEach(item -> listed.add(((JsonObject) item).getString("sid")));
          assertThat(listed).containsExactlyElementsOf(created);
          testContext.completeNow();
        })));
  }

  @Test
  @Timeout(10_000)
  void anotherAccountCannotSeeOrTouchAService(VertxTestContext testContext) {
    AtomicReference<String> path = new AtomicReference<>();
    newAccount(Account.Type.FULL)
        .compose(other -> calls.post(main, SERVICES, "FriendlyName", "Private")
            .compose(created -> {
              path.set(SERVICES + "/" + created.json().getString("sid"));
              return Future.all(List.of(
                  calls.get(other, path.get()),
                  calls.post(other, path.get(), "FriendlyName", "Taken"),
                  calls.delete(other, path.get()),
                  calls.get(other, path.get() + "/PhoneNumbers"),
                  calls.post(other, path.get() + "/AlphaSenders", "AlphaSender", "Thief"),
                  calls.get(other, SERVICES)));
            }))
        .compose(answers -> {
          testContext.verify(() -> {
            for (int i = 0; i < 5; i++) {
              assertError(answers.resultAt(i), 404, 20404);
            }
            assertThat(((Answer) answers.resultAt(5)).json().getJsonArray("services")).isEmpty();
          });
          return calls.get(main, path.get());
        })
        .onComplete(testContext.succeeding(untouched -> testContext.verify(() -> {
          assertThat(untouched.status()).isEqualTo(200);
          assertThat(untouched.json().getString("friendly_name")).isEqualTo("Private");
          testContext.completeNow();
        })));
  }

  @Test
  @Timeout(10_000)
  void aSuspendedAccountIsForbidden(VertxTestContext testContext) {
    newAccount(Account.Type.FULL)
        .compose(account -> registry.updateAccount(new Account(account.sid(), account.authToken(),
            account.friendlyName(), account.ownerAccountSid(), Account.Status.SUSPENDED,
            account.type(), account.dateCreated(), now())))
        .compose(suspended -> calls.post(suspended, SERVICES, "FriendlyName", "Nope"))
        .onComplete(testContext.succeeding(refused -> testContext.verify(() -> {
          assertError(refused, 403, 20403);
          testContext.completeNow();
        })));
  }

  // Sender pools

  @Test
  @Timeout(10_000)
  void phoneNumbersJoinAreListedAndLeaveThePool(VertxTestContext testContext) {
    AtomicReference<String> pool = new AtomicReference<>();
    AtomicReference<PhoneNumber> number = new AtomicReference<>();
    registerNumber(main, "+1415555")
        .compose(registered -> {
          number.set(registered);
          return newService(main);
        })
        .compose(serviceSid -> {
          pool.set(SERVICES + "/" + serviceSid + "/PhoneNumbers");
          return calls.post(main, pool.get(), "PhoneNumberSid", number.get().sid());
        })
        .compose(added -> {
          testContext.verify(() -> {
            assertThat(added.status()).isEqualTo(201);
            JsonObject json = added.json();
            JsonSchemas.assertValid("v1-phone-number", json);
            assertThat(json.fieldNames()).containsExactlyInAnyOrder("sid", "account_sid",
                "service_sid", "date_created", "date_updated", "phone_number", "country_code",
                "capabilities", "url");
            assertThat(json.getString("sid")).isEqualTo(number.get().sid());
            assertThat(json.getString("account_sid")).isEqualTo(main.sid());
            assertThat(json.getString("service_sid")).isEqualTo(pool.get().split("/")[3]);
            assertThat(json.getString("phone_number")).isEqualTo(number.get().phoneNumber());
            assertThat(json.getString("country_code")).isEqualTo("US");
            assertThat(json.getJsonArray("capabilities")).containsExactly("SMS", "MMS");
            assertThat(json.getString("date_created")).matches(ISO_DATE);
            assertThat(json.getString("url"))
                .isEqualTo(gateway.baseUrl() + pool.get() + "/" + number.get().sid());
          });
          return calls.post(main, pool.get(), "PhoneNumberSid", number.get().sid());
        })
        .compose(again -> {
          testContext.verify(() -> {
            // Already in this pool: the pool's record again, not an error.
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json().getString("sid")).isEqualTo(number.get().sid());
          });
          return calls.get(main, pool.get());
        })
        .compose(list -> {
          testContext.verify(() -> {
            assertThat(list.status()).isEqualTo(200);
            JsonSchemas.assertValid("v1-phone-number-list", list.json());
            assertThat(sids(list.json().getJsonArray("phone_numbers"))).containsExactly(number.get().sid());
            JsonObject meta = list.json().getJsonObject("meta");
            assertThat(meta.getString("key")).isEqualTo("phone_numbers");
            assertThat(meta.getString("url")).isEqualTo(gateway.baseUrl() + pool.get() + "?PageSize=50&Page=0");
          });
          return calls.get(main, pool.get() + "/" + number.get().sid());
        })
        .compose(fetched -> {
          testContext.verify(() -> assertThat(fetched.json().getString("phone_number"))
              .isEqualTo(number.get().phoneNumber()));
          return calls.delete(main, pool.get() + "/" + number.get().sid());
        })
        .compose(removed -> {
          testContext.verify(() -> assertThat(removed.status()).isEqualTo(204));
          return calls.get(main, pool.get() + "/" + number.get().sid());
        })
        .compose(gone -> {
          testContext.verify(() -> assertError(gone, 404, 20404));
          return registry.findPhoneNumber(main.sid(), number.get().sid());
        })
        .onComplete(testContext.succeeding(stillRegistered -> testContext.verify(() -> {
          assertThat(stillRegistered).isPresent();
          testContext.completeNow();
        })));
  }

  @Test
  @Timeout(10_000)
  void aNumberCannotJoinASecondService(VertxTestContext testContext) {
    registerNumber(main, "+44770090")
        .compose(number -> Future.all(newService(main), newService(main))
            .compose(services -> calls.post(main, SERVICES + "/" + services.resultAt(0) + "/PhoneNumbers",
                    "PhoneNumberSid", number.sid())
                .compose(first -> {
                  testContext.verify(() -> {
                    assertThat(first.status()).isEqualTo(201);
                    assertThat(first.json().getString("country_code")).isEqualTo("GB");
                  });
                  return calls.post(main, SERVICES + "/" + services.resultAt(1) + "/PhoneNumbers",
                      "PhoneNumberSid", number.sid());
                })))
        .onComplete(testContext.succeeding(second -> testContext.verify(() -> {
          assertError(second, 400, 21712);
          testContext.completeNow();
        })));
  }

  @Test
  @Timeout(10_000)
  void onlyTheAccountsOwnRegisteredSendersJoin(VertxTestContext testContext) {
    newAccount(Account.Type.FULL)
        .compose(other -> Future.all(registerNumber(other, "+1646555"), registerShortCode(main), newService(main)))
        .compose(made -> {
          PhoneNumber foreign = made.resultAt(0);
          ShortCode shortCode = made.resultAt(1);
          String service = SERVICES + "/" + made.resultAt(2);
          return Future.all(List.of(
              calls.post(main, service + "/PhoneNumbers", "PhoneNumberSid", foreign.sid()),
              calls.post(main, service + "/PhoneNumbers", "PhoneNumberSid", "PN123"),
              calls.post(main, service + "/PhoneNumbers", "PhoneNumberSid", Sids.generate(Sids.PHONE_NUMBER)),
              calls.post(main, service + "/PhoneNumbers", "PhoneNumberSid", shortCode.sid()),
              calls.post(main, service + "/ShortCodes", "ShortCodeSid", Sids.generate(Sids.SHORT_CODE)),
              calls.post(main, service + "/PhoneNumbers")));
        })
        .onComplete(testContext.succeeding(answers -> testContext.verify(() -> {
          for (int i = 0; i < 5; i++) {
            assertError(answers.resultAt(i), 400, 21421);
          }
          assertError(answers.resultAt(5), 400, 20001);
          assertThat(((Answer) answers.resultAt(5)).json().getString("message")).contains("PhoneNumberSid");
          testContext.completeNow();
        })));
  }

  @Test
  @Timeout(10_000)
  void shortCodesJoinAreListedAndLeaveThePool(VertxTestContext testContext) {
    AtomicReference<String> pool = new AtomicReference<>();
    AtomicReference<ShortCode> code = new AtomicReference<>();
    registerShortCode(main)
        .compose(registered -> {
          code.set(registered);
          return newService(main);
        })
        .compose(serviceSid -> {
          pool.set(SERVICES + "/" + serviceSid + "/ShortCodes");
          return calls.post(main, pool.get(), "ShortCodeSid", code.get().sid());
        })
        .compose(added -> {
          testContext.verify(() -> {
            assertThat(added.status()).isEqualTo(201);
            JsonObject json = added.json();
            JsonSchemas.assertValid("v1-short-code", json);
            assertThat(json.fieldNames()).containsExactlyInAnyOrder("sid", "account_sid",
                "service_sid", "date_created", "date_updated", "short_code", "country_code",
                "capabilities", "url");
            assertThat(json.getString("sid")).isEqualTo(code.get().sid());
            assertThat(json.getString("short_code")).isEqualTo(code.get().shortCode());
            assertThat(json.getString("country_code")).isEqualTo("US");
            assertThat(json.getJsonArray("capabilities")).containsExactly("SMS", "MMS");
            assertThat(json.getString("url")).isEqualTo(gateway.baseUrl() + pool.get() + "/" + code.get().sid());
          });
          return calls.get(main, pool.get());
        })
        .compose(list -> {
          testContext.verify(() -> {
            JsonSchemas.assertValid("v1-short-code-list", list.json());
            assertThat(sids(list.json().getJsonArray("short_codes"))).containsExactly(code.get().sid());
            assertThat(list.json().getJsonObject("meta").getString("key")).isEqualTo("short_codes");
          });
          // A short code is no member of the pool's phone numbers.
          return calls.get(main, pool.get().replace("ShortCodes", "PhoneNumbers") + "/" + code.get().sid());
        })
        .compose(wrongPool -> {
          testContext.verify(() -> assertError(wrongPool, 404, 20404));
          return calls.delete(main, pool.get() + "/" + code.get().sid());
        })
        .compose(removed -> {
          testContext.verify(() -> assertThat(removed.status()).isEqualTo(204));
          return calls.get(main, pool.get());
        })
        .onComplete(testContext.succeeding(empty -> testContext.verify(() -> {
          assertThat(empty.json().getJsonArray("short_codes")).isEmpty();
          testContext.completeNow();
        })));
  }

  @Test
  @Timeout(10_000)
  void alphaSendersJoinAreListedAndLeaveThePool(VertxTestContext testContext) {
    AtomicReference<String> pool = new AtomicReference<>();
    AtomicReference<String> alphaSid = new AtomicReference<>();
    newService(main)
        .compose(serviceSid -> {
          pool.set(SERVICES + "/" + serviceSid + "/AlphaSenders");
          return calls.post(main, pool.get(), "AlphaSender", "Tern Alerts");
        })
        .compose(added -> {
          testContext.verify(() -> {
            assertThat(added.status()).isEqualTo(201);
            JsonObject json = added.json();
            JsonSchemas.assertValid("v1-alpha-sender", json);
            assertThat(json.fieldNames()).containsExactlyInAnyOrder("sid", "account_sid",
                "service_sid", "date_created", "date_updated", "alpha_sender", "capabilities", "url");
            assertThat(json.getString("sid")).matches("AI[0-9a-f]{32}");
            assertThat(json.getString("alpha_sender")).isEqualTo("Tern Alerts");
            assertThat(json.getJsonArray("capabilities")).containsExactly("SMS");
            assertThat(json.getString("url")).isEqualTo(gateway.baseUrl() + pool.get() + "/" + json.getString("sid"));
          });
          alphaSid.set(added.json().getString("sid"));
          return Future.all(
              calls.post(main, pool.get(), "AlphaSender", "Second"),
              calls.post(main, pool.get(), "AlphaSender", "12345"),
              calls.post(main, pool.get(), "AlphaSender", "Far Too Long Name"),
              calls.get(main, pool.get()));
        })
        .compose(answers -> {
          testContext.verify(() -> {
            assertError(answers.resultAt(0), 400, 21709);
            assertThat(((Answer) answers.resultAt(0)).json().getString("message")).contains("Tern Alerts");
            assertError(answers.resultAt(1), 400, 21709);
            assertError(answers.resultAt(2), 400, 21709);
            Answer list = answers.resultAt(3);
            JsonSchemas.assertValid("v1-alpha-sender-list", list.json());
            assertThat(sids(list.json().getJsonArray("alpha_senders"))).containsExactly(alphaSid.get());
            assertThat(list.json().getJsonObject("meta").getString("key")).isEqualTo("alpha_senders");
          });
          return calls.delete(main, pool.get() + "/" + alphaSid.get());
        })
        .compose(removed -> {
          testContext.verify(() -> assertThat(removed.status()).isEqualTo(204));
          return calls.post(main, pool.get(), "AlphaSender", "Second");
        })
        .onComplete(testContext.succeeding(replaced -> testContext.verify(() -> {
          assertThat(replaced.status()).isEqualTo(201);
          testContext.completeNow();
        })));
  }

  @Test
  @Timeout(10_000)
  void aTrialAccountCannotAddAnAlphaSender(VertxTestContext testContext) {
    newAccount(Account.Type.TRIAL)
        .compose(trial -> newService(trial)
            .compose(serviceSid -> calls.post(trial, SERVICES + "/" + serviceSid + "/AlphaSenders",
                "AlphaSender", "TrialCo")))
        .onComplete(testContext.succeeding(refused -> testContext.verify(() -> {
          assertError(refused, 400, 21267);
          testContext.completeNow();
        })));
  }

  @Test
  @Timeout(30_000)
  void aFullPoolTakesNoMoreSenders(VertxTestContext testContext) {
    AtomicReference<String> serviceSid = new AtomicReference<>();
    newAccount(Account.Type.FULL)
        .compose(account -> newService(account)
            .compose(sid -> {
              serviceSid.set(sid);
              return fillPool(account, sid, ServiceSenderRoutes.POOL_LIMIT);
            })
            .compose(full -> registerNumber(account, "+1917555"))
            .compose(oneMore -> calls.post(account, SERVICES + "/" + serviceSid.get() + "/PhoneNumbers",
                "PhoneNumberSid", oneMore.sid())))
        .onComplete(testContext.succeeding(refused -> testContext.verify(() -> {
          assertError(refused, 400, 21714);
          testContext.completeNow();
        })));
  }

  @Test
  @Timeout(10_000)
  void deletingAServiceEmptiesItsPool(VertxTestContext testContext) {
    AtomicReference<PhoneNumber> number = new AtomicReference<>();
    registerNumber(main, "+1212555")
        .compose(registered -> {
          number.set(registered);
          return newService(main);
        })
        .compose(first -> calls.post(main, SERVICES + "/" + first + "/PhoneNumbers",
                "PhoneNumberSid", number.get().sid())
            .compose(added -> calls.delete(main, SERVICES + "/" + first)))
        .compose(deleted -> newService(main))
        .compose(second -> calls.post(main, SERVICES + "/" + second + "/PhoneNumbers",
            "PhoneNumberSid", number.get().sid()))
        .onComplete(testContext.succeeding(rejoined -> testContext.verify(() -> {
          // The number left with the deleted service, so another service may have it.
          assertThat(rejoined.status()).isEqualTo(201);
          testContext.completeNow();
        })));
  }

  // Sending through a service

  @Test
  @Timeout(10_000)
  void aMessageSentThroughAServiceIsAcceptedWithoutASender(VertxTestContext testContext) {
    AtomicReference<String> serviceSid = new AtomicReference<>();
    registerNumber(main, "+1415666")
        .compose(number -> newService(main)
            .compose(sid -> {
              serviceSid.set(sid);
              return calls.post(main, SERVICES + "/" + sid + "/PhoneNumbers", "PhoneNumberSid", number.sid());
            }))
        .compose(added -> calls.post(main, messages(main), "To", "+14155550123", "Body", "Hello",
            "MessagingServiceSid", serviceSid.get()))
        .onComplete(testContext.succeeding(sent -> testContext.verify(() -> {
          assertThat(sent.status()).isEqualTo(201);
          JsonObject message = sent.json();
          assertThat(message.getString("status")).isEqualTo("accepted");
          assertThat(message.containsKey("from")).isTrue();
          assertThat(message.getValue("from")).isNull();
          assertThat(message.getString("num_segments")).isEqualTo("0");
          assertThat(message.getString("messaging_service_sid")).isEqualTo(serviceSid.get());
          testContext.completeNow();
        })));
  }

  @Test
  @Timeout(10_000)
  void aMessageNamingAServiceItCannotUseIsRefused(VertxTestContext testContext) {
    newAccount(Account.Type.FULL)
        .compose(other -> newService(other))
        .compose(foreignService -> Future.all(
            calls.post(main, messages(main), "To", "+14155550123", "Body", "Hi",
                "MessagingServiceSid", Sids.generate(Sids.SERVICE)),
            calls.post(main, messages(main), "To", "+14155550123", "Body", "Hi",
                "MessagingServiceSid", "MG-not-a-sid"),
            calls.post(main, messages(main), "To", "+14155550123", "Body", "Hi",
                "MessagingServiceSid", foreignService)))
        .onComplete(testContext.succeeding(answers -> testContext.verify(() -> {
          assertError(answers.resultAt(0), 400, 21701);
          assertError(answers.resultAt(1), 400, 21705);
          // Another account's service does not exist for this caller: 21701, not 403.
          assertError(answers.resultAt(2), 400, 21701);
          testContext.completeNow();
        })));
  }

  // Helpers

  private static void assertError(Answer answer, int status, int code) {
    assertThat(answer.status()).as("HTTP status of %s", answer.json()).isEqualTo(status);
    assertThat(answer.json().getInteger("code")).as("code of %s", answer.json()).isEqualTo(code);
    assertThat(answer.json().getInteger("status")).isEqualTo(status);
    assertThat(answer.json().getString("message")).isNotBlank();
    assertThat(answer.json().getString("more_info")).endsWith("/" + code);
    JsonSchemas.assertValid("error", answer.json());
  }

  private static java.util.Map.Entry<String, Object> entry(String key, Object value) {
    return java.util.Map.entry(key, value);
  }

  private static List<String> sids(JsonArray records) {
    List<String> sids = new ArrayList<>();
    records.forEach(record -> sids.add(((JsonObject) record).getString("sid")));
    return sids;
  }

  private static String messages(Account account) {
    return "/2010-04-01/Accounts/" + account.sid() + "/Messages.json";
  }

  private Future<String> newService(Account owner) {
    return calls.post(owner, SERVICES, "FriendlyName", "Pool").map(created -> {
      assertThat(created.status()).as("service creation: %s", created.json()).isEqualTo(201);
      return created.json().getString("sid");
    });
  }

  private Future<Void> createServices(Account owner, int count, List<String> sids) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < count; i++) {
      // One after another, so creation order is the order they are listed in.
      chain = chain.compose(ignored -> newService(owner).map(sid -> {
        sids.add(sid);
        return null;
      }));
    }
    return chain;
  }

  /** A subaccount of the main account: other credentials, same gateway. */
  private Future<Account> newAccount(Account.Type type) {
    Instant now = now();
    return registry.createAccount(new Account(Sids.generate(Sids.ACCOUNT), Sids.token(),
        "Other " + type, main.sid(), Account.Status.ACTIVE, type, now, now));
  }

  /** A number the account owns, unique in this gateway: the prefix plus four counted digits. */
  private Future<PhoneNumber> registerNumber(Account owner, String prefix) {
    Instant now = now();
    String e164 = prefix + String.format("%04d", numbers.incrementAndGet());
    return registry.addPhoneNumber(new PhoneNumber(Sids.generate(Sids.PHONE_NUMBER), owner.sid(),
        e164, e164, null, null, null, now, now));
  }

  private Future<ShortCode> registerShortCode(Account owner) {
    Instant now = now();
    String code = Integer.toString(10_000 + numbers.incrementAndGet());
    return registry.addShortCode(new ShortCode(Sids.generate(Sids.SHORT_CODE), owner.sid(), code,
        "US", code, null, now, now));
  }

  /** Puts {@code count} freshly registered numbers straight into the pool, through the store. */
  private Future<Void> fillPool(Account owner, String serviceSid, int count) {
    List<Future<ServiceSender>> added = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      added.add(registerNumber(owner, "+1917556").compose(number -> registry.addServiceSender(
          new ServiceSender(number.sid(), owner.sid(), serviceSid, ServiceSender.Kind.PHONE_NUMBER,
              number.phoneNumber(), "US", now(), now()))));
    }
    return Future.all(added).mapEmpty();
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
