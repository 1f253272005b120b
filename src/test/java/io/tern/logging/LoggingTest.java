package io.tern.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LoggingTest {
  private final PrintStream console = System.out;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  @AfterEach
  void restore() {
    System.setOut(console);
    Logging.configure(LogOptions.defaultOptions());
  }

  @Test
  void jsonFormatWritesOneObjectPerLineWithTheRequestId() {
    configureCapturing(new LogOptions("info", Map.of(), "json", false));

    MDC.put(RequestLog.MDC_KEY, "req-42");
    try {
      LoggerFactory.getLogger("io.tern.example").info("Message {} accepted", "SM1");
    } finally {
      MDC.remove(RequestLog.MDC_KEY);
    }

    JsonObject line = new JsonObject(output().strip());
    assertThat(line.getString("level")).isEqualTo("INFO");
    assertThat(line.getString("loggerName")).isEqualTo("io.tern.example");
    assertThat(line.getString("formattedMessage")).isEqualTo("Message SM1 accepted");
    assertThat(line.getJsonObject("mdc").getString("request_id")).isEqualTo("req-42");
  }

  @Test
  void levelsApplyPerLoggerOverTheRootLevel() {
    configureCapturing(new LogOptions("warn", Map.of("io.tern.callback", "debug"), "text", false));

    LoggerFactory.getLogger("io.tern.callback.CallbackPoster").debug("posted");
    LoggerFactory.getLogger("io.tern.throttle.ThrottleVerticle").info("dispatched");
    // Tern's own System.Logger calls reach the same backend.
    System.getLogger("io.tern.callback.Retry").log(System.Logger.Level.DEBUG, "retrying");

    assertThat(output()).contains("posted").contains("retrying").doesNotContain("dispatched");
  }

  @Test
  void textLinesShowTheRequestIdOnlyWhenThereIsOne() {
    configureCapturing(LogOptions.defaultOptions());

    MDC.put(RequestLog.MDC_KEY, "req-7");
    try {
      LoggerFactory.getLogger("io.tern.api").info("with");
    } finally {
      MDC.remove(RequestLog.MDC_KEY);
    }
    LoggerFactory.getLogger("io.tern.api").info("without");

    String[] lines = output().split("\n");
    assertThat(lines[0]).endsWith("with [request_id=req-7]");
    assertThat(lines[1]).endsWith("without");
  }

  private void configureCapturing(LogOptions options) {
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    Logging.configure(options);
  }

  private String output() {
    return captured.toString(StandardCharsets.UTF_8);
  }
}
