package io.tern.api;

import io.tern.message.ApiError;
import io.tern.message.TwilioError;

import io.tern.Components;
import io.tern.store.Account;
import io.tern.store.Feedback;
import io.tern.message.Media;
import io.tern.message.Message;
import io.tern.store.MessageQuery;
import io.tern.message.MessageStatus;
import io.tern.status.StatusWrites;
import io.tern.store.Messages;
import io.tern.message.StatusChange;
import io.tern.throttle.MessageRouting;
import io.tern.validation.CreateMessageRequest;
import io.tern.validation.ValidationStage;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Messages resource and its Media and Feedback subresources (reference §2.1). */
public final class MessageRoutes implements ApiModule {
  static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
  private static final String MESSAGES = "/2010-04-01/Accounts/{AccountSid}/Messages";

  private final Messages store;
  private final AccountScope scope;
  private final Components components;
  private final MessageRouting routing;
  private final StatusWrites statusWrites;
  private final ValidationStage validation;

  /** @param validation this event loop's validation of new messages */
  public MessageRoutes(Vertx vertx, Components components, ValidationStage validation) {
    this.validation = validation;
    this.routing = new MessageRouting(vertx, components.config());
    this.statusWrites = new StatusWrites(vertx);
    this.components = components;
    this.store = components.messages();
    this.scope = new AccountScope(components.accounts());
  }

  @Override
  public void mount(Router router) {
    Routes.on(router, HttpMethod.POST, MESSAGES + ".json", this::create);
    Routes.on(router, HttpMethod.GET, MESSAGES + ".json", this::list);
    Routes.on(router, HttpMethod.GET, MESSAGES + "/{Sid}.json", this::fetch);
    Routes.on(router, HttpMethod.POST, MESSAGES + "/{Sid}.json", this::update);
    Routes.on(router, HttpMethod.DELETE, MESSAGES + "/{Sid}.json", this::delete);
    Routes.on(router, HttpMethod.GET, MESSAGES + "/{MessageSid}/Media.json", this::listMedia);
    Routes.on(router, HttpMethod.GET, MESSAGES + "/{MessageSid}/Media/{Sid}.json", this::fetchMedia);
    Routes.on(router, HttpMethod.DELETE, MESSAGES + "/{MessageSid}/Media/{Sid}.json", this::deleteMedia);
    Routes.on(router, HttpMethod.POST, MESSAGES + "/{MessageSid}/Feedback.json", this::feedback);
  }

  // Create: validate on this event loop, commit, answer 201, then hand to the throttle.

  private Future<?> create(RoutingContext ctx) {
    String idempotencyKey = ctx.request().getHeader(IDEMPOTENCY_HEADER);
    return scope.activeTarget(ctx)
        .map(account -> CreateMessageRequest.fromForm(account, ctx.request().formAttributes()))
        .compose(validation::validate)
        .compose(message -> store.insert(message, idempotencyKey)
            .map(stored -> new Inserted(stored, stored.sid().equals(message.sid()))))
        .onComplete(this::count)
        .compose(inserted -> Responses.json(ctx, 201, MessageJson.encode(inserted.stored()))
            .onComplete(answered -> {
              if (inserted.created()) {
                dispatch(inserted.stored());
              }
            }));
  }

  /** @param created false when an earlier message with the same Idempotency-Key came back */
  private record Inserted(Message stored, boolean created) {}

  private void count(AsyncResult<Inserted> outcome) {
    if (outcome.succeeded()) {
      if (outcome.result().created()) {
        components.metrics().messageAccepted();
      }
    } else {
      components.metrics().messageRejected(outcome.cause() instanceof ApiError error
          ? error.code() : TwilioError.INTERNAL.code());
    }
  }

  /** Committed and answered: the message goes on by its status (see {@link MessageRouting}). */
  private void dispatch(Message message) {
    routing.route(message);
  }

  // Read

  private Future<?> fetch(RoutingContext ctx) {
    return scope.activeTarget(ctx)
        .compose(account -> findMessage(account, ctx.pathParam("Sid")))
        .compose(message -> Responses.json(ctx, 200, MessageJson.encode(message)));
  }

  private Future<?> list(RoutingContext ctx) {
    MultiMap query = ctx.queryParams();
    PageParams params = PageParams.from(query);
    return scope.activeTarget(ctx).compose(account -> {
      MessageListFilter filter = MessageListFilter.from(query);
      PageToken token = PageToken.parse(params.pageToken());
      return store.list(new MessageQuery(account.sid(), filter.to(), filter.from(),
              filter.dateSentFrom(), filter.dateSentUntil(), params.pageSize(),
              token.olderThan(), token.newerThan()))
          .compose(page -> {
            JsonArray records = new JsonArray();
            page.items().forEach(message -> records.add(MessageJson.render(message)));
            return Responses.json(ctx, 200, ListEnvelope.v2010("messages",
                MessageJson.messagesPath(account.sid()) + ".json", filter.asQuery(), params,
                records, token.next(page), token.previous(page, params.page())));
          });
    });
  }

  // Update: redaction (Body="") or cancellation of a scheduled message (Status=canceled)

  private Future<?> update(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    String body = form.get("Body");
    String status = form.get("Status");
    return scope.activeTarget(ctx)
        .compose(account -> findMessage(account, ctx.pathParam("Sid")))
        .compose(message -> applyUpdate(message, body, status))
        .compose(updated -> Responses.json(ctx, 200, MessageJson.render(updated)));
  }

  private Future<Message> applyUpdate(Message message, String body, String status) {
    Instant now = components.clock().instant().truncatedTo(ChronoUnit.MICROS);
    if ((body == null) == (status == null)) {
      return Future.failedFuture(TwilioError.UPDATE_INVALID.with(
          "Provide either Body (empty, to redact) or Status (canceled), not both and not neither."));
    }
    if (status != null) {
      return "canceled".equals(status)
          ? cancel(message, now)
          : Future.failedFuture(TwilioError.UPDATE_INVALID.with("Status can only be set to canceled."));
    }
    if (!body.isEmpty()) {
      return Future.failedFuture(TwilioError.UPDATE_INVALID.with(
          "Body can only be set to the empty string, which redacts the message."));
    }
    return store.redact(message.accountSid(), message.sid(), now).compose(redacted -> redacted
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(TwilioError.UPDATE_INVALID.with(
            "Message " + message.sid() + " cannot be redacted before it reaches a final state."))));
  }

  /**
   * Through the status writer, like every status change: forward-only (a message released at
   * its SendAt a moment ago stays released) and with its {@code canceled} callback.
   */
  private Future<Message> cancel(Message message, Instant now) {
    return statusWrites.write(StatusChange.to(message.sid(), MessageStatus.CANCELED, now))
        .compose(canceled -> canceled
            .map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(TwilioError.CANCEL_NOT_SCHEDULED.with(message.sid()))));
  }

  private Future<?> delete(RoutingContext ctx) {
    return scope.activeTarget(ctx)
        .compose(account -> findMessage(account, ctx.pathParam("Sid")))
        .compose(message -> message.status().isFinal()
            ? store.delete(message.accountSid(), message.sid())
            : Future.failedFuture(TwilioError.CANNOT_DELETE_UNFINISHED.with(message.sid())))
        .compose(deleted -> Responses.noContent(ctx));
  }

  // Media and Feedback

  private Future<?> listMedia(RoutingContext ctx) {
    PageParams params = PageParams.from(ctx.queryParams());
    return scope.activeTarget(ctx)
        .compose(account -> findMessage(account, ctx.pathParam("MessageSid")))
        .compose(message -> Responses.json(ctx, 200, ListEnvelope.v2010("media_list",
            MessageJson.messagesPath(message.accountSid()) + "/" + message.sid() + "/Media.json",
            List.of(), params, message.media(), MessageJson::render)));
  }

  private Future<?> fetchMedia(RoutingContext ctx) {
    return scope.activeTarget(ctx)
        .compose(account -> findMedia(account, ctx.pathParam("MessageSid"), ctx.pathParam("Sid")))
        .compose(media -> Responses.json(ctx, 200, MessageJson.render(media)));
  }

  private Future<?> deleteMedia(RoutingContext ctx) {
    return scope.activeTarget(ctx)
        .compose(account -> findMedia(account, ctx.pathParam("MessageSid"), ctx.pathParam("Sid")))
        .compose(media -> store.deleteMedia(media.accountSid(), media.parentSid(), media.sid()))
        .compose(deleted -> Responses.noContent(ctx));
  }

  private Future<?> feedback(RoutingContext ctx) {
    String outcome = ctx.request().formAttributes().get("Outcome");
    if (outcome == null) {
      outcome = "confirmed";
    }
    if (!outcome.equals("confirmed") && !outcome.equals("unconfirmed")) {
      return Future.failedFuture(TwilioError.BAD_REQUEST.with("Outcome must be confirmed or unconfirmed"));
    }
    String chosen = outcome;
    Instant now = components.clock().instant().truncatedTo(ChronoUnit.MICROS);
    return scope.activeTarget(ctx)
        .compose(account -> findMessage(account, ctx.pathParam("MessageSid")))
        .compose(message -> store.saveFeedback(
            new Feedback(message.accountSid(), message.sid(), chosen, now, now)))
        .compose(saved -> Responses.json(ctx, 200, MessageJson.render(saved)));
  }

  private Future<Message> findMessage(Account account, String sid) {
    return store.find(account.sid(), sid).compose(found -> found
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(TwilioError.NOT_FOUND.with(
            MessageJson.messagesPath(account.sid()) + "/" + sid + ".json"))));
  }

  private Future<Media> findMedia(Account account, String messageSid, String mediaSid) {
    return findMessage(account, messageSid).compose(message -> message.media().stream()
        .filter(media -> media.sid().equals(mediaSid))
        .findFirst()
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(TwilioError.NOT_FOUND.with(
            MessageJson.messagesPath(account.sid()) + "/" + messageSid + "/Media/" + mediaSid + ".json"))));
  }
}
