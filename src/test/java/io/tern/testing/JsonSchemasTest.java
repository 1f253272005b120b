package io.tern.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.converter.DateConverter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonSchemasTest {

  static List<String> schemaNames() {
    return JsonSchemas.NAMES;
  }

  static Stream<Arguments> everyFieldOfEverySample() {
    return JsonSchemas.NAMES.stream()
        .flatMap(name -> Samples.load(name).fieldNames().stream().map(field -> Arguments.of(name, field)));
  }

  @ParameterizedTest
  @MethodSource("schemaNames")
  void eachSchemaAcceptsItsSample(String name) {
    assertThatCode(() -> JsonSchemas.assertValid(name, Samples.load(name))).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0} without {1}")
  @MethodSource("everyFieldOfEverySample")
  void everyFieldIsRequiredBecauseTwilioAlwaysSendsIt(String name, String field) {
    JsonObject sample = Samples.load(name);
    sample.remove(field);

    assertThat(JsonSchemas.violations(name, sample))
        .anyMatch(violation -> violation.contains("required property \"" + field + "\""));
  }

  @Test
  void everySchemaFileIsKnownByName() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/schemas"))) {
      assertThat(files.map(file -> file.getFileName().toString().replace(".json", "")))
          .containsExactlyInAnyOrderElementsOf(
              Stream.concat(JsonSchemas.NAMES.stream(), Stream.of("common")).toList());
    }
  }

  @Test
  void failureListsEachViolationWithItsLocation() {
    JsonObject message = Samples.load("message")
        .put("date_created", "Mon, 06 Jan 2025 14:03:07 GMT")
        .put("num_segments", 1);

    assertThatThrownBy(() -> JsonSchemas.assertValid("message", message))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("message.json rejects the document")
        .hasMessageContaining("#/date_created: String does not match pattern")
        .hasMessageContaining("#/num_segments: Instance type number is invalid. Expected string")
        .hasMessageNotContaining("subschema");
  }

  @Test
  void schemaNameMayCarryTheJsonSuffix() {
    assertThat(JsonSchemas.violations("message.json", Samples.load("message"))).isEmpty();
  }

  @Test
  void unknownSchemaNameIsAnError() {
    assertThatThrownBy(() -> JsonSchemas.violations("messages", new JsonObject()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No schema named messages");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Mon, 06 Jan 2025 14:03:07 GMT",   // Python's formatdate(usegmt=True)
      "Mon, 6 Jan 2025 14:03:07 +0000",  // one-digit day
      "Tue, 06 Jan 2025 14:03:07 +0000", // 6 January 2025 was a Monday
      "Mon, 06 Jan 2025 14:03:07 +0100",
      "2025-01-06T14:03:07Z",            // v1 style on a 2010 resource
      "Mon, 06 January 2025 14:03:07 +0000"})
  void messageDatesMustBeTheRfc2822FormTwilioJavaReads(String date) {
    assertThat(JsonSchemas.violations("message", Samples.load("message").put("date_updated", date)))
        .anyMatch(violation -> violation.startsWith("#/date_updated"));
    assertThat(JsonSchemas.violations("message", Samples.load("message").put("date_sent", date)))
        .anyMatch(violation -> violation.startsWith("#/date_sent"));
  }

  @Test
  void dateCheckAgreesWithTwilioJava() {
    String wrongWeekday = "Tue, 06 Jan 2025 14:03:07 +0000";
    String right = "Mon, 06 Jan 2025 14:03:07 +0000";

    assertThat(DateConverter.rfc2822DateTimeFromString(wrongWeekday)).isNull();
    assertThat(JsonSchemas.violations("feedback", Samples.load("feedback").put("date_created", wrongWeekday)))
        .anyMatch(violation -> violation.contains("twilio-java cannot read"));
    assertThat(DateConverter.rfc2822DateTimeFromString(right)).isNotNull();
    assertThat(JsonSchemas.violations("feedback", Samples.load("feedback").put("date_created", right)))
        .isEmpty();
  }

  @Test
  void dateSentMayBeNullButDateCreatedMayNot() {
    assertThat(JsonSchemas.violations("message", Samples.load("message").putNull("date_sent"))).isEmpty();
    assertThat(JsonSchemas.violations("message", Samples.load("message").putNull("date_created")))
        .anyMatch(violation -> violation.startsWith("#/date_created"));
  }

  @Test
  void countsAreDecimalStrings() {
    assertThat(JsonSchemas.violations("message", Samples.load("message").put("num_segments", 1)))
        .containsExactly("#/num_segments: Instance type number is invalid. Expected string"
            + " (common.json#/$defs/countString/type)");
    assertThat(JsonSchemas.violations("message", Samples.load("message").put("num_media", "01")))
        .anyMatch(violation -> violation.startsWith("#/num_media"));
  }

  @Test
  void sidsAreLowercaseHexWithTheirPrefix() {
    JsonObject message = Samples.load("message");
    String sid = message.getString("sid");

    assertThat(JsonSchemas.violations("message", message.copy().put("sid", sid.substring(0, 2) + sid.substring(2).toUpperCase())))
        .anyMatch(violation -> violation.startsWith("#/sid"));
    assertThat(JsonSchemas.violations("message", message.copy().put("sid", "MG" + sid.substring(2))))
        .anyMatch(violation -> violation.startsWith("#/sid"));
    assertThat(JsonSchemas.violations("message", message.copy().put("sid", sid + "0")))
        .anyMatch(violation -> violation.startsWith("#/sid"));
  }

  @Test
  void messageFieldsHaveTwilioTypes() {
    assertThat(JsonSchemas.violations("message", Samples.load("message").put("error_code", "30003")))
        .anyMatch(violation -> violation.startsWith("#/error_code"));
    assertThat(JsonSchemas.violations("message", Samples.load("message").put("error_code", 30003))).isEmpty();
    assertThat(JsonSchemas.violations("message", Samples.load("message").put("price_unit", "usd")))
        .anyMatch(violation -> violation.startsWith("#/price_unit"));
    assertThat(JsonSchemas.violations("message", Samples.load("message").put("status", "partially_delivered")))
        .anyMatch(violation -> violation.startsWith("#/status"));
    assertThat(JsonSchemas.violations("message", Samples.load("message").put("api_version", "2010-04-02")))
        .anyMatch(violation -> violation.startsWith("#/api_version"));
  }

  @Test
  void uris2010AreRelativeToTheApiHost() {
    JsonObject message = Samples.load("message");
    String absolute = "https://api.twilio.com" + message.getString("uri");

    assertThat(JsonSchemas.violations("message", message.put("uri", absolute)))
        .anyMatch(violation -> violation.startsWith("#/uri"));
  }

  @Test
  void messageCarriesMediaAndFeedbackSubresources() {
    JsonObject message = Samples.load("message");
    message.getJsonObject("subresource_uris").remove("feedback");

    assertThat(JsonSchemas.violations("message", message))
        .anyMatch(violation -> violation.startsWith("#/subresource_uris") && violation.contains("feedback"));
  }

  @Test
  void listEnvelopeRefusesAnyExtraTopLevelKey() {
    assertThat(JsonSchemas.violations("message-list", Samples.load("message-list").put("total", 2)))
        .containsExactly("#/total: Property \"total\" does not match additional properties schema"
            + " (message-list.json#/additionalProperties)");
    assertThat(JsonSchemas.violations("v1-service-list", Samples.load("v1-service-list").put("total", 1)))
        .anyMatch(violation -> violation.startsWith("#/total"));
  }

  @Test
  void listEnvelopeChecksEveryRecord() {
    JsonObject page = Samples.load("message-list");
    page.getJsonArray("messages").getJsonObject(1).put("num_media", 1);

    assertThat(JsonSchemas.violations("message-list", page))
        .containsExactly("#/messages/1/num_media: Instance type number is invalid. Expected string"
            + " (common.json#/$defs/countString/type)");
  }

  @Test
  void pageUrisCarryPageSizeAndPage() {
    JsonObject page = Samples.load("message-list");
    String withoutPage = page.getString("uri").replace("&Page=0", "");

    assertThat(JsonSchemas.violations("message-list", page.put("uri", withoutPage)))
        .anyMatch(violation -> violation.startsWith("#/uri"));
  }

  @Test
  void v1PageHasNoRootUriBecauseJavaWouldReadIt2010Style() {
    JsonObject page = Samples.load("v1-service-list").put("uri", "/v1/Services?PageSize=50&Page=0");

    assertThat(JsonSchemas.violations("v1-service-list", page)).anyMatch(violation -> violation.startsWith("#/uri"));
  }

  @Test
  void v1MetaSendsNullUrlsExplicitly() {
    JsonObject page = Samples.load("v1-service-list");
    page.getJsonObject("meta").remove("next_page_url");

    assertThat(JsonSchemas.violations("v1-service-list", page))
        .anyMatch(violation -> violation.startsWith("#/meta") && violation.contains("next_page_url"));
  }

  @Test
  void v1MetaUrlsAreAbsoluteAndKeyNamesTheRecords() {
    JsonObject relative = Samples.load("v1-service-list");
    relative.getJsonObject("meta").put("url", "/v1/Services?PageSize=50&Page=0");
    JsonObject wrongKey = Samples.load("v1-service-list");
    wrongKey.getJsonObject("meta").put("key", "items");

    assertThat(JsonSchemas.violations("v1-service-list", relative)).anyMatch(violation -> violation.startsWith("#/meta/url"));
    assertThat(JsonSchemas.violations("v1-service-list", wrongKey)).anyMatch(violation -> violation.startsWith("#/meta/key"));
  }

  @Test
  void v1DatesAreIsoNotRfc2822() {
    assertThat(JsonSchemas.violations("v1-service", Samples.load("v1-service").put("date_created", "Mon, 06 Jan 2025 14:03:07 +0000")))
        .anyMatch(violation -> violation.startsWith("#/date_created"));
    assertThat(JsonSchemas.violations("v1-phone-number", Samples.load("v1-phone-number").put("date_created", "2025-01-06T14:03:07.000Z")))
        .anyMatch(violation -> violation.startsWith("#/date_created"));
  }

  @Test
  void capabilitiesAreAnObjectOnNumbersButAnArrayOnServiceSenders() {
    assertThat(JsonSchemas.violations("incoming-phone-number",
        Samples.load("incoming-phone-number").put("capabilities", new JsonArray().add("SMS"))))
        .anyMatch(violation -> violation.startsWith("#/capabilities"));
    assertThat(JsonSchemas.violations("v1-phone-number",
        Samples.load("v1-phone-number").put("capabilities", new JsonObject().put("sms", true))))
        .anyMatch(violation -> violation.startsWith("#/capabilities"));
  }

  @Test
  void alphaSenderNeedsALetter() {
    assertThat(JsonSchemas.violations("v1-alpha-sender", Samples.load("v1-alpha-sender").put("alpha_sender", "12345")))
        .anyMatch(violation -> violation.startsWith("#/alpha_sender"));
    assertThat(JsonSchemas.violations("v1-alpha-sender", Samples.load("v1-alpha-sender").put("alpha_sender", "TwelveLetter")))
        .anyMatch(violation -> violation.startsWith("#/alpha_sender"));
  }

  @Test
  void errorHasExactlyTwiliosKeysAndNoProblemDocumentOnes() {
    assertThat(JsonSchemas.violations("error", Samples.load("error").put("type", "about:blank")))
        .anyMatch(violation -> violation.startsWith("#/type"));
    assertThat(JsonSchemas.violations("error", Samples.load("error").put("title", "Bad Request")))
        .anyMatch(violation -> violation.startsWith("#/title"));
    assertThat(JsonSchemas.violations("error", Samples.load("error").put("status", "400")))
        .anyMatch(violation -> violation.startsWith("#/status"));
  }

  @Test
  void errorMayCarryDetails() {
    JsonObject error = Samples.load("error").put("details", new JsonObject().put("param", "To"));

    assertThat(JsonSchemas.violations("error", error)).isEmpty();
  }
}
