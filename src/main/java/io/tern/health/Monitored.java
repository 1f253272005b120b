package io.tern.health;

import io.vertx.core.Context;
import io.vertx.core.Deployable;
import io.vertx.core.Future;

/**
 * A verticle instance whose liveness check (its event loop answers) lives exactly as long as
 * it is deployed. Wrapping at deployment gives every verticle that check without each one
 * repeating it.
 */
public final class Monitored implements Deployable {
  private final GatewayHealth health;
  private final String component;
  private final Deployable verticle;
  private String name;

  public Monitored(GatewayHealth health, String component, Deployable verticle) {
    this.health = health;
    this.component = component;
    this.verticle = verticle;
  }

  /** The wrapped verticle, for callers that need it after deployment. */
  public Deployable verticle() {
    return verticle;
  }

  @Override
  public Future<?> deploy(Context context) throws Exception {
    name = health.instanceName(component);
    health.liveness(name, GatewayHealth.answersOn(context));
    return verticle.deploy(context).onFailure(failed -> health.remove(name));
  }

  @Override
  public Future<?> undeploy(Context context) throws Exception {
    health.remove(name);
    return verticle.undeploy(context);
  }
}
