package io.tern.testing;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Hand-written documents in Twilio's exact shape ({@code src/test/resources/samples/}), one per
 * schema and named like it. Each passes its schema and reads cleanly in twilio-java, so tests can
 * serve them as canned Twilio answers.
 */
public final class Samples {
  private Samples() {}

  /** A fresh copy of the sample, free to modify. */
  public static JsonObject load(String name) {
    String resource = "/samples/" + name + ".json";
    try (InputStream in = Samples.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("No sample " + resource);
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
