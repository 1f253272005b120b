package io.tern.account;

import io.tern.Components;
import io.tern.api.AccountScope;
import io.tern.api.ApiModule;
import io.tern.api.Responses;
import io.tern.api.Routes;
import io.tern.message.TwilioError;
import io.tern.throttle.SenderQueueReports;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * How deep a sender's queue is: an extension (Twilio shows a queue only when 30001 fails a
 * message), under the account like its numbers and short codes. A sender the account may send
 * from answers even with nothing queued (zeros); any other sender, including another
 * account's number, is 404 like every resource the account cannot see.
 */
public final class SenderQueueRoutes implements ApiModule {
  private static final String QUEUE = "/2010-04-01/Accounts/{AccountSid}/Tern/Senders/{Sender}/Queue.json";

  private final AccountScope scope;
  private final SenderQueueReports reports;

  public SenderQueueRoutes(Components components) {
    this.scope = new AccountScope(components.accounts());
    this.reports = new SenderQueueReports(components.lifecycle(), components.accounts(),
        components.config().throttle());
  }

  @Override
  public void mount(Router router) {
    Routes.on(router, HttpMethod.GET, QUEUE, this::fetch);
  }

  private Future<?> fetch(RoutingContext ctx) {
    String sender = ctx.pathParam("Sender");
    return scope.activeTarget(ctx)
        .compose(account -> reports.of(account, sender).compose(found -> found
            .map(report -> Responses.json(ctx, 200, SenderQueueJson.render(account.sid(), report)))
            .orElseGet(() -> Future.failedFuture(
                TwilioError.NOT_FOUND.with(SenderQueueJson.uri(account.sid(), sender))))));
  }
}
