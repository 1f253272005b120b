package io.tern.api;

import io.tern.Components;
import io.tern.message.TwilioError;
import io.tern.message.Message;
import io.tern.store.CallbackOutbox;
import io.tern.store.Messages;
import io.tern.store.PendingCallback;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Tern's extension to the Messages resource: a message's status callback attempts, oldest first,
 * in a 2010-style page under the key {@code callbacks}
 * ({@code GET /2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Callbacks.json}). A
 * message of another account is 404, as for every message read.
 */
public final class CallbackRoutes implements ApiModule {
  static final String PATH = "/2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Callbacks.json";

  private final Messages store;
  private final CallbackOutbox outbox;
  private final AccountScope scope;

  public CallbackRoutes(Components components) {
    this.store = components.messages();
    this.outbox = components.outbox();
    this.scope = new AccountScope(components.accounts());
  }

  @Override
  public void mount(Router router) {
    Routes.on(router, HttpMethod.GET, PATH, this::list);
  }

  private Future<?> list(RoutingContext ctx) {
    PageParams params = PageParams.from(ctx.queryParams());
    String messageSid = ctx.pathParam("MessageSid");
    return scope.activeTarget(ctx)
        .compose(account -> store.find(account.sid(), messageSid).compose(found -> found
            .map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(TwilioError.NOT_FOUND.with(
                MessageJson.messagesPath(account.sid()) + "/" + messageSid + ".json")))))
        .compose(message -> history(message).compose(attempts -> Responses.json(ctx, 200,
            ListEnvelope.v2010("callbacks",
                MessageJson.messagesPath(message.accountSid()) + "/" + message.sid() + "/Callbacks.json",
                List.of(), params, attempts, Function.identity()))));
  }

  /** The attempts, each with the callback it was made at. */
  private Future<List<JsonObject>> history(Message message) {
    return outbox.callbacks(message.accountSid(), message.sid()).compose(callbacks -> {
      Map<Long, PendingCallback> byId = callbacks.stream()
          .collect(Collectors.toMap(PendingCallback::id, Function.identity()));
      return outbox.callbackAttempts(message.accountSid(), message.sid())
          .map(attempts -> attempts.stream()
              .filter(attempt -> byId.containsKey(attempt.callbackId()))
              .map(attempt -> CallbackAttemptJson.render(byId.get(attempt.callbackId()), attempt))
              .toList());
    });
  }
}
