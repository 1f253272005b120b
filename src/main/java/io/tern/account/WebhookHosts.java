package io.tern.account;

import io.tern.message.TwilioError;
import io.tern.outbound.OutboundGuard;
import io.tern.outbound.OutboundOptions;
import io.tern.outbound.OutboundRules;
import io.tern.outbound.WebhookUrl;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbound check of the webhook URLs a request sets on a number or a Messaging Service,
 * made when they are set: a URL whose host Tern will not connect to is refused with the
 * parameter's own code (21609 for {@code StatusCallback}, 20001 for the others, as for a
 * malformed URL) and a message naming the rule and the setting that opens it. One per ingress
 * instance, used on its event loop.
 */
public final class WebhookHosts {
  private final OutboundGuard guard;

  public WebhookHosts(Vertx vertx, OutboundOptions outbound) {
    this.guard = new OutboundGuard(vertx, OutboundRules.fromConfig(
        outbound.allowLoopback(), outbound.deny(), outbound.allow()));
  }

  /**
   * Checks the named parameters the form sets (absent and empty ones are skipped: they keep or
   * clear a URL), all at once; the first refused in the order given fails the request. Their
   * form was checked before ({@link WebhookUrl#isValid}).
   */
  public Future<Void> check(MultiMap form, String... names) {
    List<String> present = new ArrayList<>();
    List<Future<java.util.Optional<String>>> refusals = new ArrayList<>();
    for (String name : names) {
      String value = form.get(name);
      if (value != null && !value.isBlank()) {
        present.add(name);
        refusals.add(WebhookUrl.refusal(guard, value.trim()));
      }
    }
    return Future.all(refusals).compose(done -> {
      for (int i = 0; i < present.size(); i++) {
        var refusal = refusals.get(i).result();
        if (refusal.isPresent()) {
          String name = present.get(i);
          String url = form.get(name).trim();
          return Future.failedFuture(name.equals("StatusCallback")
              ? TwilioError.STATUS_CALLBACK_REFUSED.with(url, refusal.get())
              : TwilioError.BAD_REQUEST.with(name + " " + url
                  + " is not allowed: Tern does not call it, since " + refusal.get()));
        }
      }
      return Future.succeededFuture();
    });
  }
}
