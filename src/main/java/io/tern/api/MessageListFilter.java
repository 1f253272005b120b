package io.tern.api;

import io.tern.message.TwilioError;

import io.vertx.core.MultiMap;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The filters of a message list: To, From and the DateSent family. {@code DateSent>} and
 * {@code DateSent<} (the comparison is part of the parameter name) are inclusive, and every
 * one of them compares GMT days, as Twilio does: a date-time stands for its whole day.
 */
record MessageListFilter(String to, String from, Instant dateSentFrom, Instant dateSentUntil,
    List<Map.Entry<String, String>> asQuery) {

  static MessageListFilter from(MultiMap query) {
    List<Map.Entry<String, String>> echoed = new ArrayList<>();
    String to = keep(query, "To", echoed);
    String from = keep(query, "From", echoed);
    Instant lower = null;
    Instant upper = null;
    LocalDate on = parse(query, "DateSent", echoed);
    if (on != null) {
      lower = startOf(on);
      upper = startOf(on.plusDays(1));
    }
    LocalDate after = parse(query, "DateSent>", echoed);
    if (after != null) {
      lower = later(lower, startOf(after));
    }
    LocalDate before = parse(query, "DateSent<", echoed);
    if (before != null) {
      upper = earlier(upper, startOf(before.plusDays(1)));
    }
    return new MessageListFilter(to, from, lower, upper, List.copyOf(echoed));
  }

  private static String keep(MultiMap query, String name, List<Map.Entry<String, String>> echoed) {
    String value = query.get(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    echoed.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
    return value.trim();
  }

  private static Instant startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static LocalDate parse(MultiMap query, String name,
      List<Map.Entry<String, String>> echoed) {
    String raw = keep(query, name, echoed);
    if (raw == null) {
      return null;
    }
    return DateFilter.gmtDay(raw).orElseThrow(() -> TwilioError.BAD_REQUEST.with(
        "Invalid " + name + ": " + raw + " (use YYYY-MM-DD or an ISO-8601 date-time)"));
  }

  private static Instant later(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }
}
