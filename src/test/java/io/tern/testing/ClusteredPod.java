package io.tern.testing;

import io.tern.Gateway;
import io.tern.carrier.SubmissionLog;
import io.tern.cluster.ClusteredVertx;
import io.tern.config.TernConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * One pod of a test cluster on loopback: the clustered Vert.x its config joins and the gateway
 * started on it. Tests that start several pods start them one after the other through this, so
 * each finds the cluster (and the main account) the previous one made.
 */
public record ClusteredPod(Vertx vertx, Gateway gateway) {

  /**
   * Joins the cluster {@code config} names and starts a gateway on it whose carrier records what
   * it submits in {@code submissions} (null: not recorded). A gateway that fails to start leaves
   * the cluster again, so a failed start strands no member.
   */
  public static Future<ClusteredPod> start(TernConfig config, SubmissionLog submissions) {
    return ClusteredVertx.create(config).compose(vertx ->
        Gateway.start(vertx, config, Clock.systemUTC(), submissions)
            .map(gateway -> new ClusteredPod(vertx, gateway))
            .recover(failure -> vertx.close().transform(closed -> Future.failedFuture(failure))));
  }
}
