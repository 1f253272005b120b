package io.tern.inbound;

import io.tern.Components;
import io.tern.bus.Addresses;
import io.tern.config.TernConfig;
import io.tern.message.ApiError;
import io.tern.message.Message;
import io.tern.outbound.OutboundGuard;
import io.tern.outbound.OutboundRules;
import io.tern.store.Account;
import io.tern.store.InboundRecipient;
import io.tern.store.OptOutReplies;
import io.tern.store.PendingWebhook;
import io.tern.store.WebhookAttempt;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Drains the webhook outbox: for each inbound message, the automatic opt-out answer when it was
 * a keyword, then the webhook, its TwiML, its {@code <Redirect>}s and, on a failure, the fallback
 * URL with {@code ErrorCode} and {@code ErrorUrl}. Every request is recorded in the message's
 * webhook log.
 *
 * <p>A message leaves the outbox once its conversation ran (whatever the receiver answered: Twilio
 * does not retry a 500 or bad TwiML), except when neither the webhook nor the fallback could be
 * reached: then it is tried again with backoff for {@code inbound.webhookRetryMinutes}. Rows are
 * claimed for a while before being worked on, so a pod that dies mid-way leaves them due again
 * and two pods never run one at once; a conversation run twice sends its replies once (see
 * {@link ReplySender}).
 */
public final class WebhookVerticle extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(WebhookVerticle.class.getName());
  private static final int BATCH = 32;
  private static final Duration CLAIM = Duration.ofMinutes(2);
  private static final long FIRST_RETRY_MILLIS = 1000;
  private static final long MAX_RETRY_MILLIS = 300_000;

  private final Components components;
  private final Set<String> running = new HashSet<>();
  private WebhookCaller caller;
  private ReplySender replies;
  private HttpClient client;
  private long pollTimer;
  private boolean draining;

  public WebhookVerticle(Components components) {
    this.components = components;
  }

  @Override
  public Future<?> start() {
    TernConfig config = components.config();
    OutboundGuard guard = new OutboundGuard(vertx, OutboundRules.fromConfig(
        config.outbound().allowLoopback(), config.outbound().deny(), config.outbound().allow()));
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
    caller = new WebhookCaller(vertx, client, guard, config.inbound().webhookTimeoutMillis());
    replies = new ReplySender(vertx);
    pollTimer = vertx.setPeriodic(config.inbound().pollMillis(), id -> drain());
    return vertx.eventBus().consumer(Addresses.WEBHOOKS_PENDING, hint -> drain()).completion()
        .onSuccess(ok -> drain());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(pollTimer);
    return client.close();
  }

  private void drain() {
    if (draining) {
      return;
    }
    draining = true;
    Instant now = components.clock().instant();
    components.inbound().claimDueWebhooks(now, now.plus(CLAIM), BATCH)
        .onComplete(claimed -> {
          draining = false;
          if (claimed.failed()) {
            LOG.log(System.Logger.Level.WARNING, "Reading the webhook outbox failed", claimed.cause());
            return;
          }
          claimed.result().stream().filter(webhook -> running.add(webhook.messageSid()))
              .forEach(webhook -> run(webhook).onComplete(done -> {
                running.remove(webhook.messageSid());
                if (done.failed()) {
                  LOG.log(System.Logger.Level.WARNING, "An inbound webhook failed; it is due again"
                      + " when its claim ends", done.cause());
                }
              }));
          if (claimed.result().size() == BATCH) {
            vertx.runOnContext(more -> drain());
          }
        });
  }

  /** One inbound message's conversation, as far as it goes now. */
  private Future<Void> run(PendingWebhook webhook) {
    return components.messages().find(webhook.accountSid(), webhook.messageSid()).compose(found -> {
      if (found.isEmpty()) {
        return components.inbound().finishWebhook(webhook.messageSid(), components.clock().instant());
      }
      Message inbound = found.get();
      return Future.all(components.accounts().findAccount(inbound.accountSid()),
              components.inbound().findRecipient(inbound.to()))
          .compose(both -> {
            Optional<Account> account = both.resultAt(0);
            Optional<InboundRecipient> recipient = both.resultAt(1);
            if (account.isEmpty() || recipient.isEmpty()) {
              // The number was released since: nobody to tell.
              return components.inbound().finishWebhook(inbound.sid(), components.clock().instant());
            }
            return automaticReply(inbound, recipient.get(), webhook.optOutType())
                .compose(replied -> conversation(webhook, account.get(), inbound, recipient.get()));
          });
    });
  }

  private Future<Void> automaticReply(Message inbound, InboundRecipient recipient, String optOutType) {
    if (optOutType == null) {
      return Future.succeededFuture();
    }
    Keyword keyword = Keyword.valueOf(optOutType);
    if (keyword != Keyword.HELP && OptOutHandling.scopes(recipient).isEmpty()) {
      return Future.succeededFuture();
    }
    Future<Optional<OptOutReplies>> custom = recipient.inService()
        ? components.optOuts().replies(inbound.accountSid(), recipient.serviceSid())
        : Future.succeededFuture(Optional.empty());
    return custom.compose(configured -> {
      String text = OptOutReplyTexts.text(keyword, configured.orElse(null));
      return text == null ? Future.succeededFuture() : replies.sendAutomatic(inbound, text).mapEmpty();
    });
  }

  private Future<Void> conversation(PendingWebhook webhook, Account account, Message inbound,
      InboundRecipient recipient) {
    Optional<WebhookTarget> target = WebhookTarget.of(recipient);
    if (target.isEmpty()) {
      return components.inbound().finishWebhook(inbound.sid(), components.clock().instant());
    }
    Map<String, String> params = WebhookParameters.of(inbound, webhook.optOutType());
    WebhookTarget to = target.get();
    return request(account, inbound, to.url(), to.method(), "webhook", params, 0)
        .compose(result -> {
          if (!(result instanceof WebhookResult.Failed failed) || to.fallbackUrl() == null) {
            return Future.succeededFuture(result);
          }
          Map<String, String> withError = new TreeMap<>(params);
          withError.put("ErrorCode", Integer.toString(failed.errorCode()));
          withError.put("ErrorUrl", to.url());
          return request(account, inbound, to.fallbackUrl(), to.fallbackMethod(), "fallback",
              withError, 0).map(fallback -> fallback instanceof WebhookResult.Failed again
                  // Tried again later only when neither could be reached.
                  && again.receiverDown() && !failed.receiverDown() ? failed : fallback);
        })
        .compose(last -> finishOrRetry(webhook, last));
  }

  private Future<Void> finishOrRetry(PendingWebhook webhook, WebhookResult last) {
    Instant now = components.clock().instant();
    boolean unreachable = last instanceof WebhookResult.Failed failed && failed.receiverDown();
    Instant deadline = webhook.createdAt()
        .plus(Duration.ofMinutes(components.config().inbound().webhookRetryMinutes()));
    if (!unreachable || now.isAfter(deadline)) {
      return components.inbound().finishWebhook(webhook.messageSid(), now);
    }
    int attempts = webhook.attempts() + 1;
    long wait = Math.min(MAX_RETRY_MILLIS, FIRST_RETRY_MILLIS << Math.min(attempts - 1, 20));
    return components.inbound().retryWebhook(webhook.messageSid(), attempts, now.plusMillis(wait));
  }

  /**
   * One request and what its TwiML says: the replies are sent, a redirect is followed (up to
   * {@code inbound.maxRedirects}). The result is the request's, or the redirect's when it failed.
   */
  private Future<WebhookResult> request(Account account, Message inbound, String url, String method,
      String kind, Map<String, String> params, int redirects) {
    Instant at = components.clock().instant();
    return caller.call(url, method, params, account.authToken()).compose(result -> {
      WebhookResult.Failed failed = result instanceof WebhookResult.Failed f ? f : null;
      Integer status = failed != null ? failed.httpStatus()
          : Integer.valueOf(((WebhookResult.Answered) result).httpStatus());
      WebhookAttempt attempt = new WebhookAttempt(inbound.sid(), inbound.accountSid(),
          loggedUrl(url), method, kind, at, status,
          failed != null ? Integer.valueOf(failed.errorCode()) : null,
          failed != null ? failed.error() : null);
      return components.inbound().recordWebhookAttempt(attempt).compose(recorded -> failed != null
          ? Future.succeededFuture(result)
          : run(account, inbound, ((WebhookResult.Answered) result).twiml(), url, kind, params,
              redirects).map(redirected -> redirected != null ? redirected : result));
    });
  }

  private Future<WebhookResult> run(Account account, Message inbound, Twiml twiml, String url,
      String kind, Map<String, String> params, int redirects) {
    Future<Void> sent = Future.succeededFuture();
    for (int i = 0; i < twiml.replies().size(); i++) {
      Twiml.Reply reply = twiml.replies().get(i);
      String place = kind + ":" + redirects + ":" + i;
      sent = sent.compose(previous -> replies.send(account, inbound, reply, url, place)
          .<Void>mapEmpty()
          .recover(e -> e instanceof ApiError error
              // Twilio logs a warning for a <Message> it cannot send and goes on with the rest.
              ? components.inbound().recordWebhookAttempt(new WebhookAttempt(inbound.sid(),
                  inbound.accountSid(), loggedUrl(url), "-", "reply", components.clock().instant(),
                  null, error.code(), error.getMessage()))
              : Future.failedFuture(e)));
    }
    if (twiml.redirect() == null) {
      return sent.map((WebhookResult) null);
    }
    if (redirects >= components.config().inbound().maxRedirects()) {
      return sent.compose(done -> components.inbound().recordWebhookAttempt(new WebhookAttempt(
              inbound.sid(), inbound.accountSid(), loggedUrl(url), "-", "redirect",
              components.clock().instant(), null, 12100, "too many redirects"))
          .map((WebhookResult) null));
    }
    String next = ReplySender.resolve(url, twiml.redirect().url());
    return sent.compose(done -> request(account, inbound, next, twiml.redirect().method(),
        "redirect", params, redirects + 1));
  }

  /** A URL as the log shows it: without credentials or connection overrides. */
  private static String loggedUrl(String url) {
    return url.replaceFirst("#.*$", "").replaceFirst("//[^/@]*@", "//");
  }
}
