package io.tern.account;

import static io.tern.testing.ApiClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.tern.store.Account;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Accounts resource over real HTTP: a main account managing its subaccounts, and what
 * suspending and closing one does to its requests. Runs once per store (subclasses).
 */
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
abstract class AccountApiTest extends GatewayApiTest {
  static final String ACCOUNTS = "/2010-04-01/Accounts.json";
  static final String RECIPIENT = "+14155550123";

  /** Every field of spec {@code api.v2010.account}. */
  static final List<String> ACCOUNT_FIELDS = List.of("auth_token", "date_created",
      "date_updated", "friendly_name", "owner_account_sid", "sid", "status", "subresource_uris",
      "type", "uri");

  @Test
  void theMainAccountCreatesAFullSubaccountWithADefaultName(VertxTestContext testContext) {
    api.post(ACCOUNTS, form())
        .onComplete(testContext.succeeding(created -> testContext.verify(() -> {
          assertThat(created.statusCode()).isEqualTo(201);
          JsonObject json = created.bodyAsJsonObject();
          assertThat(json.fieldNames()).containsExactlyInAnyOrderElementsOf(ACCOUNT_FIELDS);
          assertThat(json.getString("sid")).matches("AC[0-9a-f]{32}").isNotEqualTo(main.sid());
          assertThat(json.getString("auth_token")).matches("[0-9a-f]{32}");
          assertThat(json.getString("owner_account_sid")).isEqualTo(main.sid());
          assertThat(json.getString("type")).isEqualTo("Full");
          assertThat(json.getString("status")).isEqualTo("active");
          assertThat(json.getString("friendly_name"))
              .matches("SubAccount Created at \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} (am|pm)");
          assertThat(json.getString("uri"))
              .isEqualTo("/2010-04-01/Accounts/" + json.getString("sid") + ".json");
          JsonObject subresources = json.getJsonObject("subresource_uris");
          String base = "/2010-04-01/Accounts/" + json.getString("sid");
          assertThat(subresources.getString("messages")).isEqualTo(base + "/Messages.json");
          assertThat(subresources.getString("incoming_phone_numbers"))
              .isEqualTo(base + "/IncomingPhoneNumbers.json");
          assertThat(subresources.getString("short_codes")).isEqualTo(base + "/SMS/ShortCodes.json");
          assertThat(subresources.getString("outgoing_caller_ids"))
              .isEqualTo(base + "/OutgoingCallerIds.json");
          assertThat(subresources.fieldNames()).hasSize(20);
          JsonSchemas.assertValid("account", json);
          testContext.completeNow();
        })));
  }

  @Test
  void aTrialSubaccountCanBeCreatedWithItsName(VertxTestContext testContext) {
    api.post(ACCOUNTS, form("FriendlyName", "Shop (trial)", "Type", "Trial"))
        .compose(created -> {
          testContext.verify(() -> {
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.bodyAsJsonObject().getString("type")).isEqualTo("Trial");
            assertThat(created.bodyAsJsonObject().getString("friendly_name")).isEqualTo("Shop (trial)");
          });
          return api.get(created.bodyAsJsonObject().getString("uri"));
        })
        .onComplete(testContext.succeeding(fetched -> testContext.verify(() -> {
          assertThat(fetched.statusCode()).isEqualTo(200);
          assertThat(fetched.bodyAsJsonObject().getString("type")).isEqualTo("Trial");
          JsonSchemas.assertValid("account", fetched.bodyAsJsonObject());
          testContext.completeNow();
        })));
  }

  @Test
  void anUnknownTypeOrATooLongNameIsRefused(VertxTestContext testContext) {
    Future.all(
            api.post(ACCOUNTS, form("Type", "Premium")),
            api.post(ACCOUNTS, form("FriendlyName", "x".repeat(65))))
        .onComplete(testContext.succeeding(both -> testContext.verify(() -> {
          for (int i = 0; i < 2; i++) {
            HttpResponse<Buffer> refused = both.resultAt(i);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.bodyAsJsonObject().getInteger("code")).isEqualTo(20001);
          }
          testContext.completeNow();
        })));
  }

  @Test
  void aSubaccountCannotCreateAccounts(VertxTestContext testContext) {
    createSubaccount("Parent of none")
        .compose(sub -> as(sub).post(ACCOUNTS, form()))
        .onComplete(testContext.succeeding(refused -> testContext.verify(() -> {
          assertError(refused, 403, 20403);
          testContext.completeNow();
        })));
  }

  @Test
  void subaccountCredentialsReachOnlyTheSubaccountsOwnResources(VertxTestContext testContext) {
    Future.all(createSubaccount("Mine"), createSubaccount("Sibling"))
        .compose(both -> {
          Account mine = both.resultAt(0);
          Account sibling = both.resultAt(1);
          ApiClient client = as(mine);
          return Future.all(List.of(
              client.get(messagesPath(mine)),
              client.get(messagesPath(main)),
              client.get(messagesPath(sibling)),
              client.get(accountPath(sibling)),
              client.get(accountPath(main)),
              client.get(accountPath(mine)),
              api.get(accountPath(sibling))));
        })
        .onComplete(testContext.succeeding(all -> testContext.verify(() -> {
          assertThat(((HttpResponse<Buffer>) all.resultAt(0)).statusCode()).isEqualTo(200);
          assertError(all.resultAt(1), 404, 20404);
          assertError(all.resultAt(2), 404, 20404);
          assertError(all.resultAt(3), 404, 20404);
          assertError(all.resultAt(4), 404, 20404);
          HttpResponse<Buffer> self = all.resultAt(5);
          assertThat(self.statusCode()).isEqualTo(200);
          HttpResponse<Buffer> byMain = all.resultAt(6);
          assertThat(byMain.statusCode()).isEqualTo(200);
          // The main account sees its subaccount's token, as on Twilio.
          assertThat(byMain.bodyAsJsonObject().getString("auth_token")).matches("[0-9a-f]{32}");
          testContext.completeNow();
        })));
  }

  @Test
  void theMainAccountListsItselfAndItsSubaccountsASubaccountOnlyItself(VertxTestContext testContext) {
    createSubaccount("Listed once")
        .compose(sub -> Future.all(
                api.get(ACCOUNTS + "?PageSize=1000"),
                api.get(ACCOUNTS + "?FriendlyName=" + encode("Listed once")),
                as(sub).get(ACCOUNTS))
            .map(all -> Map.entry(sub, all)))
        .onComplete(testContext.succeeding(result -> testContext.verify(() -> {
          Account sub = result.getKey();
          JsonObject everyone = ((HttpResponse<Buffer>) result.getValue().resultAt(0)).bodyAsJsonObject();
          JsonObject named = ((HttpResponse<Buffer>) result.getValue().resultAt(1)).bodyAsJsonObject();
          JsonObject own = ((HttpResponse<Buffer>) result.getValue().resultAt(2)).bodyAsJsonObject();
          JsonSchemas.assertValid("account-list", everyone);
          JsonSchemas.assertValid("account-list", own);
          assertThat(sids(everyone)).contains(main.sid(), sub.sid());
          assertThat(sids(named)).containsExactly(sub.sid());
          assertThat(named.getString("uri")).startsWith(ACCOUNTS + "?FriendlyName=Listed+once&");
          assertThat(sids(own)).containsExactly(sub.sid());
          testContext.completeNow();
        })));
  }

  @Test
  void aSuspendedSubaccountCannotSendUntilItIsReactivated(VertxTestContext testContext) {
    String sender = "+14155550301";
    createSubaccount("Suspended then back")
        .compose(sub -> registerNumber(sub, sender)
            .compose(registered -> send(as(sub), sub, sender))
            .compose(sent -> {
              testContext.verify(() -> assertThat(sent.statusCode()).isEqualTo(201));
              return api.post(accountPath(sub), form("Status", "suspended"));
            })
            .compose(suspended -> {
              testContext.verify(() -> {
                assertThat(suspended.statusCode()).isEqualTo(200);
                assertThat(suspended.bodyAsJsonObject().getString("status")).isEqualTo("suspended");
                JsonSchemas.assertValid("account", suspended.bodyAsJsonObject());
              });
              return Future.all(List.of(
                  send(as(sub), sub, sender),
                  send(api, sub, sender),
                  as(sub).get(accountPath(sub)),
                  as(sub).get(ACCOUNTS),
                  api.get(accountPath(sub))));
            })
            .compose(whileSuspended -> {
              testContext.verify(() -> {
                assertError(whileSuspended.resultAt(0), 403, 20403);
                // The main account cannot send for a suspended subaccount either.
                assertError(whileSuspended.resultAt(1), 403, 20403);
                assertError(whileSuspended.resultAt(2), 403, 20403);
                assertError(whileSuspended.resultAt(3), 403, 20403);
                HttpResponse<Buffer> seenByMain = whileSuspended.resultAt(4);
                assertThat(seenByMain.statusCode()).isEqualTo(200);
                assertThat(seenByMain.bodyAsJsonObject().getString("status")).isEqualTo("suspended");
              });
              return api.post(accountPath(sub), form("Status", "active"));
            })
            .compose(reactivated -> {
              testContext.verify(() -> assertThat(reactivated.bodyAsJsonObject().getString("status"))
                  .isEqualTo("active"));
              return send(as(sub), sub, sender);
            }))
        .onComplete(testContext.succeeding(sentAgain -> testContext.verify(() -> {
          assertThat(sentAgain.statusCode()).isEqualTo(201);
          testContext.completeNow();
        })));
  }

  @Test
  void aClosedSubaccountStaysClosedAndItsNumbersAreFreed(VertxTestContext testContext) {
    String number = "+14155550302";
    createSubaccount("Closed for good")
        .compose(sub -> registerNumber(sub, number)
            .compose(registered -> api.post(accountPath(sub), form("Status", "closed")))
            .compose(closed -> {
              testContext.verify(() -> {
                assertThat(closed.statusCode()).isEqualTo(200);
                assertThat(closed.bodyAsJsonObject().getString("status")).isEqualTo("closed");
              });
              return Future.all(
                  api.post(accountPath(sub), form("Status", "active")),
                  send(as(sub), sub, number),
                  api.post(numbersPath(main), form("PhoneNumber", number)));
            }))
        .onComplete(testContext.succeeding(after -> testContext.verify(() -> {
          assertError(after.resultAt(0), 400, 20001);
          assertThat(((HttpResponse<Buffer>) after.resultAt(0)).bodyAsJsonObject().getString("message"))
              .contains("cannot be reopened");
          assertError(after.resultAt(1), 403, 20403);
          // Closing released the number, so another account may register it.
          assertThat(((HttpResponse<Buffer>) after.resultAt(2)).statusCode()).isEqualTo(201);
          testContext.completeNow();
        })));
  }

  @Test
  void aSubaccountRenamesItselfButOnlyItsMainAccountChangesItsStatus(VertxTestContext testContext) {
    createSubaccount("Before")
        .compose(sub -> Future.all(
            as(sub).post(accountPath(sub), form("FriendlyName", "After")),
            as(sub).post(accountPath(sub), form("Status", "closed")),
            api.post(accountPath(main), form("Status", "suspended")),
            api.post(accountPath(sub), form("Status", "paused"))))
        .onComplete(testContext.succeeding(all -> testContext.verify(() -> {
          HttpResponse<Buffer> renamed = all.resultAt(0);
          assertThat(renamed.statusCode()).isEqualTo(200);
          assertThat(renamed.bodyAsJsonObject().getString("friendly_name")).isEqualTo("After");
          assertError(all.resultAt(1), 403, 20403);
          assertError(all.resultAt(2), 403, 20403);
          assertError(all.resultAt(3), 400, 20001);
          testContext.completeNow();
        })));
  }

  @Test
  void listsFilterByStatus(VertxTestContext testContext) {
    createSubaccount("Suspended for the filter")
        .compose(sub -> api.post(accountPath(sub), form("Status", "suspended")).map(sub))
        .compose(sub -> Future.all(
                api.get(ACCOUNTS + "?Status=suspended&PageSize=1000"),
                api.get(ACCOUNTS + "?Status=active&PageSize=1000"),
                api.get(ACCOUNTS + "?Status=sleeping"))
            .map(all -> Map.entry(sub, all)))
        .onComplete(testContext.succeeding(result -> testContext.verify(() -> {
          JsonObject suspended = ((HttpResponse<Buffer>) result.getValue().resultAt(0)).bodyAsJsonObject();
          JsonObject active = ((HttpResponse<Buffer>) result.getValue().resultAt(1)).bodyAsJsonObject();
          assertThat(sids(suspended)).contains(result.getKey().sid()).doesNotContain(main.sid());
          assertThat(sids(active)).contains(main.sid()).doesNotContain(result.getKey().sid());
          assertError(result.getValue().resultAt(2), 400, 20001);
          testContext.completeNow();
        })));
  }

  @Test
  void anUnknownAccountIs404(VertxTestContext testContext) {
    api.get("/2010-04-01/Accounts/AC00000000000000000000000000000000.json")
        .onComplete(testContext.succeeding(missing -> testContext.verify(() -> {
          assertError(missing, 404, 20404);
          JsonSchemas.assertValid("error", missing.bodyAsJsonObject());
          testContext.completeNow();
        })));
  }

  // Helpers

  Future<Account> createSubaccount(String name) {
    return api.post(ACCOUNTS, form("FriendlyName", name)).map(response -> {
      JsonObject json = response.bodyAsJsonObject();
      if (response.statusCode() != 201) {
        throw new AssertionError("creating a subaccount answered " + json);
      }
      return new Account(json.getString("sid"), json.getString("auth_token"),
          json.getString("friendly_name"), json.getString("owner_account_sid"),
          Account.Status.ACTIVE, Account.Type.FULL, null, null);
    });
  }

  Future<HttpResponse<Buffer>> registerNumber(Account account, String number) {
    return api.post(numbersPath(account), form("PhoneNumber", number)).map(response -> {
      if (response.statusCode() != 201) {
        throw new AssertionError("registering " + number + " answered " + response.bodyAsString());
      }
      return response;
    });
  }

  Future<HttpResponse<Buffer>> send(ApiClient client, Account account, String from) {
    return client.post(messagesPath(account), form("To", RECIPIENT, "From", from, "Body", "hi"));
  }

  ApiClient as(Account account) {
    return ApiClient.as(web, gateway, account);
  }

  static String accountPath(Account account) {
    return "/2010-04-01/Accounts/" + account.sid() + ".json";
  }

  static String messagesPath(Account account) {
    return "/2010-04-01/Accounts/" + account.sid() + "/Messages.json";
  }

  static String numbersPath(Account account) {
    return "/2010-04-01/Accounts/" + account.sid() + "/IncomingPhoneNumbers.json";
  }

  static void assertError(HttpResponse<Buffer> response, int status, int code) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.bodyAsJsonObject().getInteger("code")).isEqualTo(code);
    assertThat(response.bodyAsJsonObject().getInteger("status")).isEqualTo(status);
  }

  static List<String> sids(JsonObject page) {
    JsonArray accounts = page.getJsonArray("accounts");
    return accounts.stream().map(item -> ((JsonObject) item).getString("sid")).toList();
  }

  static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }
}
