package io.tern.inbound;

import io.tern.Components;
import io.tern.api.AccountScope;
import io.tern.api.ApiModule;
import io.tern.api.ListEnvelope;
import io.tern.api.MessageJson;
import io.tern.api.PageParams;
import io.tern.api.Responses;
import io.tern.api.Routes;
import io.tern.api.TwilioDates;
import io.tern.bus.Addresses;
import io.tern.bus.LocalCodec;
import io.tern.carrier.CarrierConnectors;
import io.tern.carrier.InboundSms;
import io.tern.message.Message;
import io.tern.message.PhoneNumbers;
import io.tern.message.TwilioError;
import io.tern.store.Account;
import io.tern.store.OptOutReplies;
import io.tern.store.WebhookAttempt;
import io.tern.outbound.WebhookUrl;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;

/**
 * Tern's inbound extensions to Twilio's API:
 *
 * <ul>
 *   <li>{@code GET …/Messages/{MessageSid}/Webhooks.json}: the requests made for an inbound
 *       message (webhook, redirects, fallback, replies refused), oldest first, under
 *       {@code webhooks};
 *   <li>{@code POST …/SimulatedCarrier/Messages.json}: a handset's message injected into the
 *       simulated carrier ({@code From}, {@code To} one of the account's numbers, {@code Body},
 *       {@code MediaUrl}), received through the carrier's inbound hook like any carrier's; 404
 *       when another carrier is configured;
 *   <li>{@code GET|POST /v1/Services/{ServiceSid}/OptOutReplies}: the service's automatic answers
 *       to STOP, START and HELP ({@code Enabled}, {@code StopText}, {@code StartText},
 *       {@code HelpText}).
 * </ul>
 */
public final class InboundRoutes implements ApiModule {
  static final String ACCOUNT = "/2010-04-01/Accounts/{AccountSid}";
  static final String WEBHOOKS = ACCOUNT + "/Messages/{MessageSid}/Webhooks.json";
  static final String INJECT = ACCOUNT + "/SimulatedCarrier/Messages.json";
  static final String OPT_OUT_REPLIES = "/v1/Services/{ServiceSid}/OptOutReplies";

  private final Vertx vertx;
  private final Components components;
  private final AccountScope scope;

  public InboundRoutes(Vertx vertx, Components components) {
    this.vertx = vertx;
    this.components = components;
    this.scope = new AccountScope(components.accounts());
  }

  @Override
  public void mount(Router router) {
    Routes.on(router, HttpMethod.GET, WEBHOOKS, this::webhooks);
    Routes.on(router, HttpMethod.POST, INJECT, this::inject);
    Routes.on(router, HttpMethod.GET, OPT_OUT_REPLIES, this::fetchReplies);
    Routes.on(router, HttpMethod.POST, OPT_OUT_REPLIES, this::updateReplies);
  }

  private Future<?> webhooks(RoutingContext ctx) {
    String messageSid = ctx.pathParam("MessageSid");
    return scope.activeTarget(ctx)
        .compose(account -> findMessage(account, messageSid))
        .compose(message -> components.inbound().webhookAttempts(message.accountSid(), message.sid())
            .compose(attempts -> Responses.json(ctx, 200, ListEnvelope.v2010("webhooks",
                MessageJson.messagesPath(message.accountSid()) + "/" + message.sid() + "/Webhooks.json",
                List.of(), PageParams.from(ctx.queryParams()), attempts, InboundRoutes::render))));
  }

  private static JsonObject render(WebhookAttempt attempt) {
    return new JsonObject()
        .put("message_sid", attempt.messageSid())
        .put("account_sid", attempt.accountSid())
        .put("kind", attempt.kind())
        .put("url", attempt.url())
        .put("method", attempt.method())
        .put("date_attempted", TwilioDates.rfc2822(attempt.attemptedAt()))
        .put("http_status", attempt.httpStatus())
        .put("error_code", attempt.errorCode())
        .put("error", attempt.error());
  }

  private Future<?> inject(RoutingContext ctx) {
    String carrier = components.config().carrier().type();
    if (!CarrierConnectors.SIMULATED.equals(carrier)) {
      return Future.failedFuture(TwilioError.NOT_FOUND.with(ctx.request().path()));
    }
    MultiMap form = ctx.request().formAttributes();
    String from = form.get("From");
    String to = form.get("To");
    String body = form.get("Body") == null ? "" : form.get("Body");
    List<String> media = form.getAll("MediaUrl").stream().filter(url -> !url.isBlank()).toList();
    return scope.activeTarget(ctx).compose(account -> {
      if (from == null || PhoneNumbers.parseE164(from).isEmpty()) {
        return Future.failedFuture(TwilioError.INVALID_FROM.with(from));
      }
      if (to == null) {
        return Future.failedFuture(TwilioError.MISSING_TO.with());
      }
      if (media.size() > 10) {
        return Future.failedFuture(TwilioError.TOO_MANY_MEDIA.with());
      }
      if (media.stream().anyMatch(url -> !WebhookUrl.isValid(url))) {
        return Future.failedFuture(TwilioError.INVALID_MEDIA_URL.with(String.join(", ", media)));
      }
      return components.inbound().findRecipient(to).compose(recipient -> recipient
              .filter(found -> found.accountSid().equals(account.sid())).isEmpty()
          ? Future.failedFuture(TwilioError.BAD_REQUEST.with(
              "To must be a number or short code of this account: " + to))
          : injectAndRead(account, new InboundSms(CarrierConnectors.SIMULATED,
              "sim-" + UUID.randomUUID(), PhoneNumbers.parseE164(from).get().e164(), to, body, 0,
              null, media, components.clock().instant())))
          .compose(message -> Responses.json(ctx, 201, MessageJson.encode(message)));
    });
  }

  /**
   * Through the simulated carrier, as a real carrier's message comes: its inbound hook, then the
   * receiver. The carrier acknowledges a message once it is committed, without saying where, so
   * the stored message is found again by the key the receiver stored it under.
   */
  private Future<Message> injectAndRead(Account account, InboundSms sms) {
    return vertx.eventBus().request(Addresses.SIMULATED_INBOUND, sms, LocalCodec.localOnly())
        .compose(acknowledged -> components.messages().findByIdempotencyKey(account.sid(),
            InboundReceiver.idempotencyKey(sms.connection(), sms.carrierMessageId())))
        .compose(found -> found.map(Future::succeededFuture).orElseGet(() ->
            Future.failedFuture(new IllegalStateException("The injected message was not stored"))));
  }

  private Future<?> fetchReplies(RoutingContext ctx) {
    return ownService(ctx).compose(account -> components.optOuts()
        .replies(account.sid(), ctx.pathParam("ServiceSid"))
        .compose(found -> Responses.json(ctx, 200, render(found.orElse(new OptOutReplies(
            ctx.pathParam("ServiceSid"), account.sid(), true, null, null, null, null))))));
  }

  private Future<?> updateReplies(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    String serviceSid = ctx.pathParam("ServiceSid");
    return ownService(ctx).compose(account -> components.optOuts().replies(account.sid(), serviceSid)
        .compose(found -> {
          OptOutReplies current = found.orElse(
              new OptOutReplies(serviceSid, account.sid(), true, null, null, null, null));
          String enabled = form.get("Enabled");
          if (enabled != null && !enabled.equalsIgnoreCase("true") && !enabled.equalsIgnoreCase("false")) {
            return Future.failedFuture(TwilioError.BAD_REQUEST.with("Enabled must be true or false"));
          }
          OptOutReplies updated = new OptOutReplies(serviceSid, account.sid(),
              enabled == null ? current.enabled() : Boolean.parseBoolean(enabled),
              text(form, "StopText", current.stopText()),
              text(form, "StartText", current.startText()),
              text(form, "HelpText", current.helpText()),
              components.clock().instant());
          for (String value : new String[] {updated.stopText(), updated.startText(), updated.helpText()}) {
            if (value != null && value.length() > 1600) {
              return Future.failedFuture(TwilioError.BODY_TOO_LONG.with());
            }
          }
          return components.optOuts().saveReplies(updated);
        })
        .compose(saved -> Responses.json(ctx, 200, render(saved))));
  }

  /** An empty value puts the default text back. */
  private static String text(MultiMap form, String name, String current) {
    String value = form.get(name);
    return value == null ? current : value.isBlank() ? null : value;
  }

  private static JsonObject render(OptOutReplies replies) {
    return new JsonObject()
        .put("service_sid", replies.serviceSid())
        .put("account_sid", replies.accountSid())
        .put("enabled", replies.enabled())
        .put("stop_text", OptOutReplyTexts.text(Keyword.STOP, withDefaultsShown(replies)))
        .put("start_text", OptOutReplyTexts.text(Keyword.START, withDefaultsShown(replies)))
        .put("help_text", OptOutReplyTexts.text(Keyword.HELP, withDefaultsShown(replies)))
        .put("date_updated", replies.dateUpdated() == null ? null : TwilioDates.iso(replies.dateUpdated()));
  }

  /** The texts that would be sent were the replies on, so a disabled service still shows them. */
  private static OptOutReplies withDefaultsShown(OptOutReplies replies) {
    return new OptOutReplies(replies.serviceSid(), replies.accountSid(), true, replies.stopText(),
        replies.startText(), replies.helpText(), replies.dateUpdated());
  }

  private Future<Account> ownService(RoutingContext ctx) {
    Account caller = io.tern.api.Authentication.caller(ctx);
    String serviceSid = ctx.pathParam("ServiceSid");
    return components.accounts().findService(caller.sid(), serviceSid).compose(found -> found.isPresent()
        ? Future.succeededFuture(caller)
        : Future.failedFuture(TwilioError.NOT_FOUND.with("/v1/Services/" + serviceSid)));
  }

  private Future<Message> findMessage(Account account, String sid) {
    return components.messages().find(account.sid(), sid).compose(found -> found
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(TwilioError.NOT_FOUND.with(
            MessageJson.messagesPath(account.sid()) + "/" + sid + ".json"))));
  }
}
