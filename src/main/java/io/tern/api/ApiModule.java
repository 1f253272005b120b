package io.tern.api;

import io.vertx.ext.web.Router;

/** One feature's routes. The ingress verticle mounts every module on its router. */
public interface ApiModule {

  /**
   * Adds this module's routes. Authentication has already run for every path under
   * {@code /2010-04-01/} and {@code /v1/}, so {@link Authentication#caller} is set.
   */
  void mount(Router router);
}
