package io.tern.validation;

import io.tern.message.AlphaSenderId;
import io.tern.message.ParsedNumber;
import io.tern.message.PhoneNumbers;

import io.tern.message.TwilioError;
import io.tern.config.TernConfig;
import io.tern.store.Account;
import io.tern.store.AccountRegistry;
import io.vertx.core.Future;

/**
 * Works out what a {@code From} is (number, short code or alphanumeric ID) and checks the
 * account may send from it to this destination.
 */
final class SenderResolver {
  private final AccountRegistry accounts;
  private final ValidationOptions rules;

  SenderResolver(AccountRegistry accounts, ValidationOptions rules) {
    this.accounts = accounts;
    this.rules = rules;
  }

  Future<Sender> resolve(Account account, String from, ParsedNumber to) {
    if (from.startsWith("+")) {
      return PhoneNumbers.parseE164(from)
          .map(number -> ownedNumber(account, number, to))
          .orElseGet(() -> Future.failedFuture(TwilioError.INVALID_FROM.with(from)));
    }
    if (PhoneNumbers.isShortCode(from)) {
      return ownedShortCode(account, from, to);
    }
    if (PhoneNumbers.allDigits(from, 0)) {
      // A long number without its '+' is not E.164, and too long for a short code.
      return Future.failedFuture(TwilioError.INVALID_FROM.with(from));
    }
    return alphanumeric(account, from, to);
  }

  private Future<Sender> ownedNumber(Account account, ParsedNumber number, ParsedNumber to) {
    if (number.e164().equals(to.e164())) {
      return Future.failedFuture(TwilioError.TO_EQUALS_FROM.with(to.e164()));
    }
    return accounts.findPhoneNumberByValue(account.sid(), number.e164()).compose(found -> found
        .map(registered -> Future.succeededFuture(
            new Sender(Sender.Kind.LONG_CODE, number.e164(), number.regionCode())))
        .orElseGet(() -> Future.failedFuture(TwilioError.FROM_NOT_OWNED.with(number.e164()))));
  }

  private Future<Sender> ownedShortCode(Account account, String code, ParsedNumber to) {
    return accounts.findShortCodeByValue(account.sid(), code).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(TwilioError.FROM_NOT_OWNED.with(code));
      }
      String country = found.get().countryCode();
      if (country != null && to.regionCode() != null && !country.equalsIgnoreCase(to.regionCode())) {
        return Future.failedFuture(TwilioError.SHORT_CODE_COUNTRY.with(code, to.e164()));
      }
      return Future.succeededFuture(new Sender(Sender.Kind.SHORT_CODE, code, country));
    });
  }

  private Future<Sender> alphanumeric(Account account, String from, ParsedNumber to) {
    if (!AlphaSenderId.isValid(from)) {
      return Future.failedFuture(TwilioError.INVALID_FROM.with(from));
    }
    if (account.isTrial()) {
      return Future.failedFuture(TwilioError.ALPHA_SENDER_ON_TRIAL.with(from));
    }
    if (!supportsAlphanumeric(to)) {
      return Future.failedFuture(TwilioError.CANNOT_ROUTE.with(to.e164(), from));
    }
    return Future.succeededFuture(new Sender(Sender.Kind.ALPHANUMERIC, from, null));
  }

  boolean supportsAlphanumeric(ParsedNumber to) {
    return to.regionCode() != null && !rules.alphaUnsupportedCountries().contains(to.regionCode());
  }
}
