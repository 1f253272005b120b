package io.tern.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Gateway;
import io.tern.store.Account;
import io.tern.testing.ApiClient;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The main account across restarts on one PostgreSQL schema, as an operator meets it: first a
 * generated pair, then the same sid with a new token (a rotation), then another sid (refused).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class MainAccountOnPostgresTest {
  private static final String NEW_TOKEN = "0123456789abcdef0123456789abcdef";
  private static final String OTHER_SID = "AC0123456789abcdef0123456789abcdef";

  @Test
  void aNewTokenRotatesTheStoredMainAccountAndAnotherSidIsRefused(Vertx vertx, VertxTestContext testContext) {
    String schema = TestGateway.uniqueSchema("main_account");
    WebClient web = WebClient.create(vertx);
    TestGateway.start(vertx, TestGateway.postgres(schema), Clock.systemUTC(), null)
        .compose(first -> {
          Account generated = first.mainAccount();
          return first.stop()
              .compose(stopped -> TestGateway.start(vertx,
                  with(schema, generated.sid(), NEW_TOKEN), Clock.systemUTC(), null))
              .compose(rotated -> statuses(web, rotated, generated)
                  .eventually(rotated::stop))
              .compose(answers -> TestGateway.start(vertx, with(schema, OTHER_SID, NEW_TOKEN),
                      Clock.systemUTC(), null)
                  .compose(started -> started.stop().map("started"))
                  .recover(failure -> Future.succeededFuture(failure.getMessage()))
                  .map(refusal -> List.of(generated.sid(), answers, refusal)));
        })
        .onComplete(testContext.succeeding(outcome -> testContext.verify(() -> {
          String generatedSid = (String) outcome.get(0);
          assertThat(outcome.get(1)).as("old token, then new token").isEqualTo(List.of(401, 200));
          assertThat((String) outcome.get(2))
              .contains("accountSid " + OTHER_SID + " is not this database's main account " + generatedSid)
              .contains("TERN_ACCOUNT_SID=" + generatedSid);
          testContext.completeNow();
        })));
  }

  /** The answer to the old credentials, then to the new ones. */
  private static Future<List<Integer>> statuses(WebClient web, Gateway gateway, Account old) {
    String path = "/2010-04-01/Accounts/" + old.sid() + ".json";
    ApiClient oldCredentials = new ApiClient(web, gateway.port(), old.sid(), old.authToken());
    return oldCredentials.get(path).compose(before -> oldCredentials.withCredentials(old.sid(), NEW_TOKEN)
        .get(path).map(after -> List.of(before.statusCode(), after.statusCode())));
  }

  private static Map<String, String> with(String schema, String sid, String token) {
    Map<String, String> env = new HashMap<>(TestGateway.postgres(schema));
    env.put("TERN_ACCOUNT_SID", sid);
    env.put("TERN_AUTH_TOKEN", token);
    return env;
  }
}
