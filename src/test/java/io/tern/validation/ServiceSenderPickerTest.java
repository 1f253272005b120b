package io.tern.validation;

import io.tern.message.PhoneNumbers;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.store.MessagingService;
import io.tern.store.ServiceSender;
import io.tern.store.ServiceSender.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceSenderPickerTest {
  private final ServiceSenderPicker picker = new ServiceSenderPicker(Set.of("US", "CA"));

  @Test
  void anAlphanumericIdWinsWhereTheCountryAcceptsIt() {
    List<ServiceSender> pool = List.of(number("+447700900100", "GB"), alpha("TernShop"));

    assertThat(pick(service(true, true), pool, "+447700900123")).contains(
        new Sender(Sender.Kind.ALPHANUMERIC, "TernShop", null));
    assertThat(pick(service(true, true), pool, "+14155550123").map(Sender::value))
        .contains("+447700900100");
  }

  @Test
  void aShortCodeOfTheDestinationsCountryComesBeforeLongCodes() {
    List<ServiceSender> pool = List.of(number("+14155550100", "US"), shortCode("24680", "US"),
        shortCode("75309", "CA"));

    assertThat(pick(service(true, true), pool, "+14155550123").map(Sender::value)).contains("24680");
    assertThat(pick(service(true, true), pool, "+16135550123").map(Sender::value)).contains("75309");
    assertThat(pick(service(true, true), pool, "+447700900123").map(Sender::value)).contains("+14155550100");
  }

  @Test
  void areaCodeGeomatchPrefersTheRecipientsAreaCode() {
    List<ServiceSender> pool = List.of(number("+12125550100", "US"), number("+14155550100", "US"),
        number("+13105550100", "US"));

    for (String to : List.of("+14155550123", "+14155550999", "+14155551234")) {
      assertThat(pick(service(true, true), pool, to).map(Sender::value)).contains("+14155550100");
    }
  }

  @Test
  void aNumberOfTheDestinationsCountryComesBeforeAForeignOne() {
    List<ServiceSender> pool = List.of(number("+14155550100", "US"), number("+447700900100", "GB"));

    assertThat(pick(service(true, false), pool, "+447700900123").map(Sender::value)).contains("+447700900100");
  }

  @Test
  void stickySenderKeepsEachRecipientOnOneNumberAndSpreadsRecipients() {
    List<ServiceSender> pool = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      pool.add(number("+1415555010" + i, "US"));
    }
    Set<String> used = new HashSet<>();
    for (int r = 0; r < 50; r++) {
      String to = "+1212555" + String.format("%04d", r);
      String first = pick(service(true, false), pool, to).orElseThrow().value();
      assertThat(pick(service(true, false), pool, to, "SMother").orElseThrow().value()).isEqualTo(first);
      used.add(first);
    }
    assertThat(used).hasSizeGreaterThan(2);
  }

  @Test
  void removingOneNumberMovesOnlyTheRecipientsItHad() {
    List<ServiceSender> pool = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      pool.add(number("+1415555010" + i, "US"));
    }
    List<ServiceSender> smaller = pool.subList(0, 4);
    for (int r = 0; r < 50; r++) {
      String to = "+1212555" + String.format("%04d", r);
      String before = pick(service(true, false), pool, to).orElseThrow().value();
      String after = pick(service(true, false), smaller, to).orElseThrow().value();
      if (!before.equals("+14155550104")) {
        assertThat(after).isEqualTo(before);
      }
    }
  }

  @Test
  void anEmptyOrUnsuitablePoolChoosesNothing() {
    assertThat(pick(service(true, true), List.of(), "+14155550123")).isEmpty();
    assertThat(pick(service(true, true), List.of(alpha("TernShop")), "+14155550123")).isEmpty();
  }

  @Test
  void anMmsPassesOverAnAlphanumericIdThatCannotCarryIt() {
    ServiceSenderPicker alphaEverywhere = new ServiceSenderPicker(Set.of());
    List<ServiceSender> pool = List.of(number("+14155550100", "US"), alpha("TernShop"));
    var to = PhoneNumbers.parseE164("+14155550123").orElseThrow();

    assertThat(alphaEverywhere.pick(service(true, true), pool, to, "SM0", false).map(Sender::value))
        .contains("TernShop");
    assertThat(alphaEverywhere.pick(service(true, true), pool, to, "SM0", true).map(Sender::value))
        .contains("+14155550100");
  }

  private java.util.Optional<Sender> pick(MessagingService service, List<ServiceSender> pool, String to) {
    return pick(service, pool, to, "SM0");
  }

  private java.util.Optional<Sender> pick(MessagingService service, List<ServiceSender> pool, String to,
      String sid) {
    return picker.pick(service, pool, PhoneNumbers.parseE164(to).orElseThrow(), sid, false);
  }

  private static MessagingService service(boolean sticky, boolean geomatch) {
    Instant now = Instant.now();
    return new MessagingService("MG1", "AC1", "svc", null, null, null, null, null, sticky, true, true,
        "inherit", false, geomatch, 36000, false, "undeclared", false, now, now);
  }

  private static ServiceSender number(String e164, String country) {
    return new ServiceSender("PN" + e164, "AC1", "MG1", Kind.PHONE_NUMBER, e164, country, Instant.now(), Instant.now());
  }

  private static ServiceSender shortCode(String code, String country) {
    return new ServiceSender("SC" + code, "AC1", "MG1", Kind.SHORT_CODE, code, country, Instant.now(), Instant.now());
  }

  private static ServiceSender alpha(String id) {
    return new ServiceSender("AI" + id, "AC1", "MG1", Kind.ALPHA_SENDER, id, null, Instant.now(), Instant.now());
  }
}
