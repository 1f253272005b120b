package io.tern.testing;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonFormatValidator;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks Tern's JSON against the project's schemas of Twilio's resources
 * ({@code src/test/resources/schemas/}). A schema is named by its file name, with or without
 * {@code .json}: {@code JsonSchemas.assertValid("message", body)}.
 */
public final class JsonSchemas {

  /** Every schema a test can name; {@code common} only holds the shared definitions. */
  public static final List<String> NAMES = List.of(
      "message", "message-list", "media", "media-list", "feedback",
      "account", "account-list",
      "incoming-phone-number", "incoming-phone-number-list",
      "short-code", "short-code-list",
      "outgoing-caller-id", "outgoing-caller-id-list",
      "v1-service", "v1-service-list",
      "v1-phone-number", "v1-phone-number-list",
      "v1-short-code", "v1-short-code-list",
      "v1-alpha-sender", "v1-alpha-sender-list",
      "error");

  /** The format that makes a 2010 date one twilio-java can read, weekday included. */
  static final String RFC_2822_FORMAT = "rfc2822-date-time";

  // twilio-java 10.x reads 2010 dates with this pattern and turns any failure into null, so a
  // weekday that does not fit its date loses the date without a word. java.time rejects it too.
  private static final DateTimeFormatter TWILIO_RFC_2822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);

  private static final String BASE_URI = "https://schemas.tern.invalid/";
  private static final SchemaRepository REPOSITORY = load();
  private static final Map<String, Validator> VALIDATORS = new ConcurrentHashMap<>();

  private JsonSchemas() {}

  /** Fails with every violation listed, one per line, when {@code json} breaks the schema. */
  public static void assertValid(String schemaName, JsonObject json) {
    List<String> violations = violations(schemaName, json);
    if (!violations.isEmpty()) {
      throw new AssertionError(fileName(schemaName) + " rejects the document:\n  "
          + String.join("\n  ", violations) + "\ndocument: " + json.encodePrettily());
    }
  }

  /**
   * What is wrong with {@code json}, as {@code "<JSON pointer>: <problem> (<schema keyword>)"};
   * empty when it is valid.
   */
  public static List<String> violations(String schemaName, JsonObject json) {
    OutputUnit result = VALIDATORS
        .computeIfAbsent(fileName(schemaName), REPOSITORY::validator)
        .validate(json);
    if (Boolean.TRUE.equals(result.getValid())) {
      return List.of();
    }
    List<OutputUnit> errors = result.getErrors() == null ? List.of() : result.getErrors();
    List<String> lines = new ArrayList<>();
    for (OutputUnit error : errors) {
      if (isNoise(error, errors)) {
        continue;
      }
      lines.add(error.getInstanceLocation() + ": " + error.getError()
          + " (" + shortKeyword(error.getAbsoluteKeywordLocation()) + ")");
    }
    if (lines.isEmpty()) {
      lines.add("#: " + result.getError());
    }
    return lines;
  }

  private static String fileName(String schemaName) {
    String name = schemaName.endsWith(".json")
        ? schemaName.substring(0, schemaName.length() - ".json".length())
        : schemaName;
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("No schema named " + schemaName + "; known: " + NAMES);
    }
    return name + ".json";
  }

  /**
   * The basic output lists, beside each real problem, the wrappers that lead to it ("a subschema
   * had errors"); and Vert.x also reports a declared property that failed its own schema as an
   * "additional" one. Only the leaves help a reader.
   */
  private static boolean isNoise(OutputUnit error, List<OutputUnit> all) {
    String message = String.valueOf(error.getError());
    if (message.equals("A subschema had errors") || message.equals("Items did not match schema")
        || message.endsWith("does not match schema")) {
      return true;
    }
    if (message.endsWith("does not match additional properties schema")) {
      String location = error.getInstanceLocation();
      return all.stream()
          .filter(other -> other != error)
          .filter(other -> !String.valueOf(other.getError()).endsWith("additional properties schema"))
          .anyMatch(other -> other.getInstanceLocation().equals(location)
              || other.getInstanceLocation().startsWith(location + "/"));
    }
    return false;
  }

  private static String shortKeyword(String absoluteKeywordLocation) {
    return absoluteKeywordLocation == null ? "?" : absoluteKeywordLocation.replace(BASE_URI, "");
  }

  private static SchemaRepository load() {
    JsonSchemaOptions options = new JsonSchemaOptions()
        .setDraft(Draft.DRAFT202012)
        .setBaseUri(BASE_URI)
        .setOutputFormat(OutputFormat.Basic);
    SchemaRepository repository = SchemaRepository.create(options, JsonSchemas::checkFormat);
    repository.dereference("common.json", JsonSchema.of(read("common.json")));
    for (String name : NAMES) {
      repository.dereference(name + ".json", JsonSchema.of(read(name + ".json")));
    }
    return repository;
  }

  private static String checkFormat(String instanceType, String format, Object instance) {
    if (RFC_2822_FORMAT.equals(format)) {
      if (!(instance instanceof String text)) {
        return null;
      }
      try {
        ZonedDateTime.parse(text, TWILIO_RFC_2822);
        return null;
      } catch (DateTimeParseException e) {
        return "twilio-java cannot read \"" + text + "\" as a date: " + e.getMessage();
      }
    }
    return JsonFormatValidator.DEFAULT_VALIDATOR.validateFormat(instanceType, format, instance);
  }

  private static JsonObject read(String fileName) {
    String resource = "/schemas/" + fileName;
    try (InputStream in = JsonSchemas.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing schema resource " + resource);
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
