package io.tern.account.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.message.ApiError;
import io.tern.store.MessagingService;
import io.vertx.core.MultiMap;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServiceParametersTest {
  private static final Instant CREATED = Instant.parse("2026-01-05T10:00:00Z");
  private static final Instant LATER = Instant.parse("2026-01-06T10:00:00Z");
  private static final String SID = "MG0123456789abcdef0123456789abcdef";
  private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";

  @Test
  void aNewServiceTakesTwiliosDefaults() {
    MessagingService service = ServiceParameters.create(form("FriendlyName", "Alerts"), SID, ACCOUNT, CREATED);

    assertThat(service).isEqualTo(new MessagingService(SID, ACCOUNT, "Alerts",
        null, "POST", null, "POST", null,
        true, true, true, "inherit", false, true, 36_000, false, "undeclared", false,
        CREATED, CREATED));
  }

  @Test
  void everyOptionalParameterIsRead() {
    MessagingService service = ServiceParameters.create(form(
        "FriendlyName", "All of them",
        "InboundRequestUrl", "https://example.com/in", "InboundMethod", "get",
        "FallbackUrl", "https://example.com/fallback", "FallbackMethod", "GET",
        "StatusCallback", "https://example.com/status",
        "StickySender", "false", "MmsConverter", "False", "SmartEncoding", "false",
        "ScanMessageContent", "disable", "FallbackToLongCode", "true",
        "AreaCodeGeomatch", "false", "ValidityPeriod", "1", "SynchronousValidation", "true",
        "Usecase", "poll", "UseInboundWebhookOnNumber", "true"), SID, ACCOUNT, CREATED);

    assertThat(service).isEqualTo(new MessagingService(SID, ACCOUNT, "All of them",
        "https://example.com/in", "GET", "https://example.com/fallback", "GET",
        "https://example.com/status",
        false, false, false, "disable", true, false, 1, true, "poll", true,
        CREATED, CREATED));
  }

  @Test
  void anUpdateChangesOnlyWhatItNamesAndKeepsTheCreationDate() {
    MessagingService before = ServiceParameters.create(
        form("FriendlyName", "Alerts", "StatusCallback", "https://example.com/status"), SID, ACCOUNT, CREATED);

    MessagingService after = ServiceParameters.update(before, form("SmartEncoding", "false"), LATER);

    assertThat(after.smartEncoding()).isFalse();
    assertThat(after.friendlyName()).isEqualTo("Alerts");
    assertThat(after.statusCallback()).isEqualTo("https://example.com/status");
    assertThat(after.dateCreated()).isEqualTo(CREATED);
    assertThat(after.dateUpdated()).isEqualTo(LATER);
  }

  @Test
  void anEmptyUrlClearsIt() {
    MessagingService before = ServiceParameters.create(
        form("FriendlyName", "Alerts", "InboundRequestUrl", "https://example.com/in"), SID, ACCOUNT, CREATED);

    assertThat(ServiceParameters.update(before, form("InboundRequestUrl", ""), LATER).inboundRequestUrl()).isNull();
  }

  @Test
  void theFriendlyNameIsRequiredAndAtMost64Characters() {
    assertRefused(form(), 20001, "Missing required parameter FriendlyName");
    assertRefused(form("FriendlyName", " "), 20001, "FriendlyName");
    assertRefused(form("FriendlyName", "x".repeat(65)), 20001, "64");
    assertThat(ServiceParameters.create(form("FriendlyName", "x".repeat(64)), SID, ACCOUNT, CREATED)
        .friendlyName()).hasSize(64);
  }

  @Test
  void theValidityPeriodIsFromOneSecondToTenHours() {
    assertRefused(form("FriendlyName", "a", "ValidityPeriod", "0"), 20001, "ValidityPeriod");
    assertRefused(form("FriendlyName", "a", "ValidityPeriod", "36001"), 20001, "ValidityPeriod");
    assertRefused(form("FriendlyName", "a", "ValidityPeriod", "ten"), 20001, "ValidityPeriod");
  }

  @Test
  void enumerationsBooleansMethodsAndUrlsAreChecked() {
    assertRefused(form("FriendlyName", "a", "StickySender", "1"), 20001, "StickySender");
    assertRefused(form("FriendlyName", "a", "ScanMessageContent", "on"), 20001, "ScanMessageContent");
    assertRefused(form("FriendlyName", "a", "Usecase", "Marketing"), 20001, "Usecase");
    assertRefused(form("FriendlyName", "a", "InboundMethod", "PUT"), 20001, "InboundMethod");
    assertRefused(form("FriendlyName", "a", "FallbackUrl", "example.com/x"), 20001, "FallbackUrl");
    assertRefused(form("FriendlyName", "a", "StatusCallback", "https://bad_host.example.com"), 21609, "bad_host");
  }

  private static void assertRefused(MultiMap form, int code, String mentioning) {
    assertThatThrownBy(() -> ServiceParameters.create(form, SID, ACCOUNT, CREATED))
        .isInstanceOfSatisfying(ApiError.class, error -> {
          assertThat(error.code()).isEqualTo(code);
          assertThat(error.httpStatus()).isEqualTo(400);
          assertThat(error.getMessage()).contains(mentioning);
        });
  }

  private static MultiMap form(String... pairs) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < pairs.length; i += 2) {
      form.add(pairs[i], pairs[i + 1]);
    }
    return form;
  }
}
