package io.tern.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Applies {@link LogOptions} to Logback, once at start, before anything else logs much: the
 * root level, levels per logger, and the text or JSON line format on the console (where
 * containers expect logs).
 */
public final class Logging {
  /** Libraries whose INFO lines say nothing an operator acts on; a level in log.levels wins. */
  private static final Map<String, String> QUIET = Map.of(
      // PgStores logs the migration's outcome in one line.
      "org.flywaydb", "warn",
      "com.hazelcast", "warn",
      // Members joining and leaving stay visible.
      "com.hazelcast.internal.cluster", "info",
      "io.netty", "warn",
      // Vert.x registers its per-address handler gauge once per consumer and shares the value
      // by meter id on purpose; Micrometer warns about the second registration at every start.
      "io.micrometer.core.instrument.MeterRegistry", "error");
  static final String TEXT_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX,UTC} %-5level %logger{36} - %msg%replace( [%mdc]){' \\[\\]', ''}%n";

  private Logging() {}

  public static void configure(LogOptions options) {
    // Hazelcast picks its logging once, from this property, when it starts.
    System.setProperty("hazelcast.logging.type", "slf4j");
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    // java.util.logging calls reach Logback; the propagator keeps JUL from building records
    // that Logback would drop anyway.
    LevelChangePropagator propagator = new LevelChangePropagator();
    propagator.setContext(context);
    propagator.setResetJUL(true);
    context.addListener(propagator);
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();

    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("console");
    console.setEncoder(encoder(context, options.format()));
    console.start();

    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(options.level()));
    root.addAppender(console);
    QUIET.forEach((logger, level) -> context.getLogger(logger).setLevel(Level.toLevel(level)));
    options.levels().forEach((logger, level) -> context.getLogger(logger).setLevel(Level.toLevel(level)));
  }

  private static Encoder<ILoggingEvent> encoder(LoggerContext context, String format) {
    if ("json".equals(format)) {
      JsonEncoder json = new JsonEncoder();
      json.setContext(context);
      json.setWithSequenceNumber(false);
      json.setWithNanoseconds(false);
      json.setWithContext(false);
      json.setWithArguments(false);
      json.setWithMessage(false);
      json.setWithFormattedMessage(true);
      json.start();
      return json;
    }
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(context);
    text.setPattern(TEXT_PATTERN);
    text.start();
    return text;
  }
}
