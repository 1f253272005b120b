package io.tern;

import io.tern.account.AccountRoutes;
import io.tern.account.CallerIdRoutes;
import io.tern.account.PhoneNumberRoutes;
import io.tern.account.SenderQueueRoutes;
import io.tern.account.ShortCodeRoutes;
import io.tern.account.WebhookHosts;
import io.tern.account.services.ServiceRoutes;
import io.tern.account.services.ServiceSenderRoutes;
import io.tern.api.ApiModule;
import io.tern.api.IngressVerticle;
import io.tern.api.MessageRoutes;
import io.tern.api.CallbackRoutes;
import io.tern.health.HealthRoutes;
import io.tern.inbound.InboundRoutes;
import io.tern.metrics.MetricsRoutes;
import java.util.List;

/**
 * The API modules each ingress instance mounts, in the order of Twilio's reference, then the
 * operational endpoints (health and metrics, on the same port).
 */
final class ApiModules {
  private ApiModules() {}

  static List<ApiModule> forIngress(IngressVerticle ingress) {
    Components components = ingress.components();
    WebhookHosts webhooks = new WebhookHosts(ingress.vertx(), components.config().outbound());
    return List.of(
        new MessageRoutes(ingress.vertx(), components, ingress.validation()),
        new CallbackRoutes(components),
        new AccountRoutes(components),
        new PhoneNumberRoutes(components, webhooks),
        new ShortCodeRoutes(components),
        new CallerIdRoutes(components),
        new SenderQueueRoutes(components),
        new ServiceRoutes(components, webhooks),
        new ServiceSenderRoutes(components),
        new InboundRoutes(ingress.vertx(), components),
        new HealthRoutes(components.health()),
        new MetricsRoutes(components.metrics()));
  }
}
