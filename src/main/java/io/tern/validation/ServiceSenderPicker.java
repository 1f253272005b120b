package io.tern.validation;

import io.tern.message.ParsedNumber;

import io.tern.store.MessagingService;
import io.tern.store.ServiceSender;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.CRC32;

/**
 * Chooses the sender of a Messaging Service message from the service's pool, as Twilio's
 * "sender pool" does: an alphanumeric ID where the destination country accepts them, else a
 * short code of the destination's country, else a long code — of the destination's country when
 * the pool has one, with the destination's area code when the service asks for geomatch.
 *
 * <p>Sticky sender: among equal candidates the choice is a rendezvous hash of the recipient and
 * each sender, so one recipient keeps its number while the pool keeps it, and adding or removing
 * another number moves only the recipients that number wins or loses. Without sticky sender the
 * message sid is hashed instead, which spreads a service's messages across its numbers.
 */
public final class ServiceSenderPicker {
  private final Set<String> alphaUnsupportedCountries;

  public ServiceSenderPicker(Set<String> alphaUnsupportedCountries) {
    this.alphaUnsupportedCountries = alphaUnsupportedCountries;
  }

  /**
   * @param mms true when the message goes as MMS: an alphanumeric sender ID cannot send one, so
   *     it is passed over
   */
  public Optional<Sender> pick(MessagingService service, List<ServiceSender> pool, ParsedNumber to,
      String messageSid, boolean mms) {
    String hashKey = service.stickySender() ? to.e164() : messageSid;
    if (!mms && to.regionCode() != null && !alphaUnsupportedCountries.contains(to.regionCode())) {
      Optional<ServiceSender> alpha = best(pool, sender -> sender.kind() == ServiceSender.Kind.ALPHA_SENDER, hashKey);
      if (alpha.isPresent()) {
        return alpha.map(sender -> new Sender(Sender.Kind.ALPHANUMERIC, sender.value(), null));
      }
    }
    Optional<ServiceSender> shortCode = best(pool, sender -> sender.kind() == ServiceSender.Kind.SHORT_CODE
        && sender.countryCode() != null && sender.countryCode().equalsIgnoreCase(to.regionCode()), hashKey);
    if (shortCode.isPresent()) {
      return shortCode.map(sender -> new Sender(Sender.Kind.SHORT_CODE, sender.value(), sender.countryCode()));
    }
    return longCode(service, pool, to, hashKey)
        .map(sender -> new Sender(Sender.Kind.LONG_CODE, sender.value(), sender.countryCode()));
  }

  private static Optional<ServiceSender> longCode(MessagingService service, List<ServiceSender> pool,
      ParsedNumber to, String hashKey) {
    Predicate<ServiceSender> isLongCode = sender -> sender.kind() == ServiceSender.Kind.PHONE_NUMBER
        && !sender.value().equals(to.e164());
    Predicate<ServiceSender> sameCountry = isLongCode.and(sender ->
        sender.countryCode() != null && sender.countryCode().equalsIgnoreCase(to.regionCode()));
    if (service.areaCodeGeomatch() && to.isUsOrCanada()) {
      String areaCode = areaCode(to.e164());
      Optional<ServiceSender> local = best(pool,
          sameCountry.and(sender -> areaCode.equals(areaCode(sender.value()))), hashKey);
      if (local.isPresent()) {
        return local;
      }
    }
    Optional<ServiceSender> domestic = best(pool, sameCountry, hashKey);
    return domestic.isPresent() ? domestic : best(pool, isLongCode, hashKey);
  }

  private static Optional<ServiceSender> best(List<ServiceSender> pool, Predicate<ServiceSender> eligible,
      String hashKey) {
    return pool.stream()
        .filter(eligible)
        .max(Comparator.comparingLong((ServiceSender sender) -> weight(hashKey, sender.value()))
            .thenComparing(ServiceSender::value));
  }

  /** Rendezvous (highest random weight) hashing: stable per key and sender. */
  private static long weight(String key, String sender) {
    CRC32 crc = new CRC32();
    crc.update((key + "|" + sender).getBytes(StandardCharsets.UTF_8));
    long mixed = crc.getValue() * 0x9E3779B97F4A7C15L;
    return mixed ^ (mixed >>> 29);
  }

  /** NANP area code (the three digits after +1), or "" for other numbers. */
  static String areaCode(String e164) {
    return e164 != null && e164.startsWith("+1") && e164.length() == 12 ? e164.substring(2, 5) : "";
  }
}
