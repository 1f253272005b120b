package io.tern.account;

import io.tern.Components;
import io.tern.api.AccountScope;
import io.tern.api.ApiModule;
import io.tern.api.ListEnvelope;
import io.tern.api.PageParams;
import io.tern.api.Responses;
import io.tern.api.Routes;
import io.tern.message.TwilioError;
import io.tern.store.Account;
import io.tern.store.AccountRegistry;
import io.tern.store.CallerId;
import io.tern.store.DuplicateException;
import io.tern.message.Sids;
import io.tern.message.ParsedNumber;
import io.tern.message.PhoneNumbers;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The OutgoingCallerIds resource (reference §2.1): destinations a trial account may send to.
 * Twilio verifies a number by calling it; Tern has no phone line, so a number is verified the
 * moment it is posted. The POST answers with a ValidationRequest, as Twilio's does.
 */
public final class CallerIdRoutes implements ApiModule {
  private static final String CALLER_IDS = "/2010-04-01/Accounts/{AccountSid}/OutgoingCallerIds";

  private final Components components;
  private final AccountRegistry accounts;
  private final AccountScope scope;

  public CallerIdRoutes(Components components) {
    this.components = components;
    this.accounts = components.accounts();
    this.scope = new AccountScope(accounts);
  }

  @Override
  public void mount(Router router) {
    Routes.on(router, HttpMethod.POST, CALLER_IDS + ".json", this::create);
    Routes.on(router, HttpMethod.GET, CALLER_IDS + ".json", this::list);
    Routes.on(router, HttpMethod.GET, CALLER_IDS + "/{Sid}.json", this::fetch);
  }

  private Future<?> create(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    return scope.activeTarget(ctx)
        .compose(account -> {
          CallerId callerId = newCallerId(account, form);
          return accounts.addCallerId(callerId).recover(failure -> Future.failedFuture(failure instanceof DuplicateException
                  ? TwilioError.CALLER_ID_ALREADY_VERIFIED.with(callerId.phoneNumber())
                  : failure));
        })
        // 200, not 201: the spec's CreateValidationRequest answers 200.
        .compose(created -> Responses.json(ctx, 200, CallerIdJson.renderValidationRequest(created)));
  }

  private CallerId newCallerId(Account account, MultiMap form) {
    String text = FormFields.optional(form, "PhoneNumber");
    if (text == null) {
      throw TwilioError.BAD_REQUEST.with("PhoneNumber is required, in E.164 (+14155550100)");
    }
    ParsedNumber parsed = PhoneNumbers.parseE164(text)
        .orElseThrow(() -> TwilioError.INVALID_PHONE_NUMBER.with(text));
    String friendlyName = FormFields.friendlyName(form);
    Instant now = components.clock().instant().truncatedTo(ChronoUnit.MICROS);
    return new CallerId(Sids.generate(Sids.CALLER_ID), account.sid(), parsed.e164(),
        friendlyName != null ? friendlyName : NumberDescription.friendlyName(parsed.e164()), now);
  }

  private Future<?> list(RoutingContext ctx) {
    PageParams params = PageParams.from(ctx.queryParams());
    ListFilters filters = new ListFilters(ctx.queryParams());
    String phoneNumber = filters.take("PhoneNumber");
    String friendlyName = filters.take("FriendlyName");
    // The filter is a whole number; read it the way the create read it so "+1 415..." matches.
    String wanted = phoneNumber == null ? null
        : PhoneNumbers.parseE164(phoneNumber).map(ParsedNumber::e164).orElse(phoneNumber);
    return scope.activeTarget(ctx)
        .compose(account -> accounts.listCallerIds(account.sid())
            .compose(all -> Responses.json(ctx, 200, ListEnvelope.v2010("outgoing_caller_ids",
                CallerIdJson.listPath(account.sid()) + ".json", filters.echoed(), params,
                all.stream()
                    .filter(callerId -> wanted == null || wanted.equals(callerId.phoneNumber()))
                    .filter(callerId -> friendlyName == null
                        || friendlyName.equals(callerId.friendlyName()))
                    .toList(),
                CallerIdJson::render))));
  }

  private Future<?> fetch(RoutingContext ctx) {
    String sid = ctx.pathParam("Sid");
    return scope.activeTarget(ctx)
        .compose(account -> accounts.listCallerIds(account.sid())
            .compose(all -> all.stream()
                .filter(callerId -> callerId.sid().equals(sid))
                .findFirst()
                .map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(
                    TwilioError.NOT_FOUND.with(CallerIdJson.uri(account.sid(), sid))))))
        .compose(callerId -> Responses.json(ctx, 200, CallerIdJson.render(callerId)));
  }
}
