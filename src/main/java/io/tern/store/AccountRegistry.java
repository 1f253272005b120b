package io.tern.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Accounts and what they own: sender numbers, short codes, verified caller IDs and Messaging
 * Services with their sender pools. Lookups by owned resource take the owning account sid, so
 * one account cannot reach another's resources by guessing a sid: a sid of another account
 * behaves exactly like a sid that does not exist.
 *
 * <p>Lists are in creation order. Writes that name a missing resource fail with
 * {@link NotFoundException}; writes that would register a unique thing twice fail with
 * {@link DuplicateException}. Timestamps are kept to the microsecond (see {@link StoredForm}).
 *
 * <p>Answers come on the caller's context, as the PostgreSQL pool gives them, so a verticle's
 * callbacks stay on its own event loop.
 */
public interface AccountRegistry {

  // Accounts

  /** Fails with {@link DuplicateException} when the sid is taken. */
  Future<Account> createAccount(Account account);

  Future<Optional<Account>> findAccount(String sid);

  /** The main account and its subaccounts, in creation order. */
  Future<List<Account>> listAccounts(String ownerAccountSid);

  /**
   * Replaces the account's token, friendly name, status, type and dateUpdated; its owner and
   * dateCreated stay as created.
   */
  Future<Account> updateAccount(Account account);

  /** The first main account (owner of itself) created, if any. */
  Future<Optional<Account>> findMainAccount();

  // Numbers, short codes, caller IDs

  /** Registers a number; fails with {@link DuplicateException} when any account has it. */
  Future<PhoneNumber> addPhoneNumber(PhoneNumber number);

  Future<Optional<PhoneNumber>> findPhoneNumber(String accountSid, String sid);

  Future<Optional<PhoneNumber>> findPhoneNumberByValue(String accountSid, String e164);

  Future<List<PhoneNumber>> listPhoneNumbers(String accountSid);

  /** Releases the number and takes it out of any service pool. */
  Future<Boolean> deletePhoneNumber(String accountSid, String sid);

  /** Fails with {@link DuplicateException} when any account has the same code. */
  Future<ShortCode> addShortCode(ShortCode shortCode);

  Future<Optional<ShortCode>> findShortCode(String accountSid, String sid);

  Future<Optional<ShortCode>> findShortCodeByValue(String accountSid, String code);

  Future<List<ShortCode>> listShortCodes(String accountSid);

  /**
   * Fails with {@link DuplicateException} when the account already verified the number (other
   * accounts may verify it too).
   */
  Future<CallerId> addCallerId(CallerId callerId);

  Future<List<CallerId>> listCallerIds(String accountSid);

  Future<Boolean> isVerifiedCallerId(String accountSid, String e164);

  // Messaging Services

  /** Fails with {@link DuplicateException} when the sid is taken. */
  Future<MessagingService> createService(MessagingService service);

  Future<Optional<MessagingService>> findService(String accountSid, String sid);

  Future<List<MessagingService>> listServices(String accountSid);

  /** Replaces the service's settings and dateUpdated; dateCreated stays as created. */
  Future<MessagingService> updateService(MessagingService service);

  /** Deletes the service and its sender pool. */
  Future<Boolean> deleteService(String accountSid, String sid);

  /**
   * Adds a sender to a service's pool. Fails with {@link NotFoundException} when the account
   * has no such service, and with {@link DuplicateException} when the number or short code is
   * already in a pool (this one or another), or the alphanumeric ID already in this pool.
   */
  Future<ServiceSender> addServiceSender(ServiceSender sender);

  /** The service's senders of one kind, or of every kind when {@code kind} is null. */
  Future<List<ServiceSender>> listServiceSenders(
      String accountSid, String serviceSid, ServiceSender.Kind kind);

  Future<Optional<ServiceSender>> findServiceSender(
      String accountSid, String serviceSid, String sid);

  Future<Boolean> deleteServiceSender(String accountSid, String serviceSid, String sid);
}
