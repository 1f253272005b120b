package io.tern;

import io.tern.account.services.ServiceRoutes;
import io.tern.account.services.ServiceSenderRoutes;
import io.tern.api.ApiModule;
import io.tern.api.IngressVerticle;
import io.tern.api.MessageRoutes;
import java.util.List;

/** The API modules each ingress instance mounts, in the order of Twilio's reference. */
final class ApiModules {
  private ApiModules() {}

  static List<ApiModule> forIngress(IngressVerticle ingress) {
    Components components = ingress.components();
    return List.of(
        new MessageRoutes(ingress.vertx(), components),
        new ServiceRoutes(components),
        new ServiceSenderRoutes(components));
  }
}
