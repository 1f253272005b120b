package io.tern.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Accounts and what they own: sender numbers, short codes, verified caller IDs and Messaging
 * Services with their sender pools. Lookups by owned resource take the owning account sid, so
 * one account cannot reach another's resources by guessing a sid.
 */
public interface AccountRegistry {

  // Accounts

  Future<Account> createAccount(Account account);

  Future<Optional<Account>> findAccount(String sid);

  /** The main account and its subaccounts, in creation order. */
  Future<List<Account>> listAccounts(String ownerAccountSid);

  Future<Account> updateAccount(Account account);

  /** The main account (owner of itself), if one was created. */
  Future<Optional<Account>> findMainAccount();

  // Numbers, short codes, caller IDs

  /** Registers a number; fails with {@link DuplicateException} when the number is taken. */
  Future<PhoneNumber> addPhoneNumber(PhoneNumber number);

  Future<Optional<PhoneNumber>> findPhoneNumber(String accountSid, String sid);

  Future<Optional<PhoneNumber>> findPhoneNumberByValue(String accountSid, String e164);

  Future<List<PhoneNumber>> listPhoneNumbers(String accountSid);

  Future<Boolean> deletePhoneNumber(String accountSid, String sid);

  Future<ShortCode> addShortCode(ShortCode shortCode);

  Future<Optional<ShortCode>> findShortCode(String accountSid, String sid);

  Future<Optional<ShortCode>> findShortCodeByValue(String accountSid, String code);

  Future<List<ShortCode>> listShortCodes(String accountSid);

  Future<CallerId> addCallerId(CallerId callerId);

  Future<List<CallerId>> listCallerIds(String accountSid);

  Future<Boolean> isVerifiedCallerId(String accountSid, String e164);

  // Messaging Services

  Future<MessagingService> createService(MessagingService service);

  Future<Optional<MessagingService>> findService(String accountSid, String sid);

  Future<List<MessagingService>> listServices(String accountSid);

  Future<MessagingService> updateService(MessagingService service);

  /** Deletes the service and its sender pool. */
  Future<Boolean> deleteService(String accountSid, String sid);

  /**
   * Adds a sender to a service's pool; fails with {@link DuplicateException} when a number or
   * short code is already in a pool.
   */
  Future<ServiceSender> addServiceSender(ServiceSender sender);

  Future<List<ServiceSender>> listServiceSenders(String serviceSid, ServiceSender.Kind kind);

  Future<Optional<ServiceSender>> findServiceSender(String serviceSid, String sid);

  Future<Boolean> deleteServiceSender(String serviceSid, String sid);
}
