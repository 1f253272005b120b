package io.tern.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The lookups every message makes — the caller's account, its sender number or short code, a
 * trial recipient's verification, a service and its pool — remembered for a short time, so the
 * accept path does not pay a database round trip for each of them on every request.
 *
 * <p>A write through this registry forgets everything at once, so this node sees its own changes
 * immediately; other nodes see them within {@code ttlMillis} (a suspension or a released number
 * takes effect there within that time). Lookups in flight are shared: a burst of requests for
 * one sender makes one query. A lookup still asked for is read again ahead of its expiry, so
 * requests do not wait for it; failed lookups are not kept ({@link KeptLookups}).
 */
public final class CachingAccountRegistry implements AccountRegistry {
  private static final int MAX_ENTRIES = 100_000;

  private final AccountRegistry delegate;
  private final KeptLookups kept;

  public CachingAccountRegistry(AccountRegistry delegate, long ttlMillis) {
    this(delegate, ttlMillis, System::nanoTime);
  }

  CachingAccountRegistry(AccountRegistry delegate, long ttlMillis, LongSupplier nanoTime) {
    this.delegate = delegate;
    this.kept = new KeptLookups(ttlMillis, MAX_ENTRIES, nanoTime);
  }

  private <T> Future<T> written(Future<T> write) {
    // Forget before and after: a lookup racing the write must not keep the old answer.
    kept.clear();
    return write.andThen(done -> kept.clear());
  }

  // Cached lookups

  @Override
  public Future<Optional<Account>> findAccount(String sid) {
    return kept.get("account|" + sid, () -> delegate.findAccount(sid));
  }

  @Override
  public Future<Optional<PhoneNumber>> findPhoneNumberByValue(String accountSid, String e164) {
    return kept.get("number|" + accountSid + "|" + e164, () -> delegate.findPhoneNumberByValue(accountSid, e164));
  }

  @Override
  public Future<Optional<ShortCode>> findShortCodeByValue(String accountSid, String code) {
    return kept.get("shortcode|" + accountSid + "|" + code, () -> delegate.findShortCodeByValue(accountSid, code));
  }

  @Override
  public Future<Boolean> isVerifiedCallerId(String accountSid, String e164) {
    return kept.get("callerid|" + accountSid + "|" + e164, () -> delegate.isVerifiedCallerId(accountSid, e164));
  }

  @Override
  public Future<Optional<MessagingService>> findService(String accountSid, String sid) {
    return kept.get("service|" + accountSid + "|" + sid, () -> delegate.findService(accountSid, sid));
  }

  @Override
  public Future<List<ServiceSender>> listServiceSenders(String accountSid, String serviceSid,
      ServiceSender.Kind kind) {
    return kept.get("pool|" + accountSid + "|" + serviceSid + "|" + kind,
        () -> delegate.listServiceSenders(accountSid, serviceSid, kind));
  }

  // Everything else goes straight through; writes forget the cache.

  @Override
  public Future<Account> createAccount(Account account) {
    return written(delegate.createAccount(account));
  }

  @Override
  public Future<List<Account>> listAccounts(String ownerAccountSid) {
    return delegate.listAccounts(ownerAccountSid);
  }

  @Override
  public Future<Account> updateAccount(Account account) {
    return written(delegate.updateAccount(account));
  }

  @Override
  public Future<Optional<Account>> findMainAccount() {
    return delegate.findMainAccount();
  }

  @Override
  public Future<PhoneNumber> addPhoneNumber(PhoneNumber number) {
    return written(delegate.addPhoneNumber(number));
  }

  @Override
  public Future<Optional<PhoneNumber>> findPhoneNumber(String accountSid, String sid) {
    return delegate.findPhoneNumber(accountSid, sid);
  }

  @Override
  public Future<List<PhoneNumber>> listPhoneNumbers(String accountSid) {
    return delegate.listPhoneNumbers(accountSid);
  }

  @Override
  public Future<Boolean> deletePhoneNumber(String accountSid, String sid) {
    return written(delegate.deletePhoneNumber(accountSid, sid));
  }

  @Override
  public Future<ShortCode> addShortCode(ShortCode shortCode) {
    return written(delegate.addShortCode(shortCode));
  }

  @Override
  public Future<Optional<ShortCode>> findShortCode(String accountSid, String sid) {
    return delegate.findShortCode(accountSid, sid);
  }

  @Override
  public Future<List<ShortCode>> listShortCodes(String accountSid) {
    return delegate.listShortCodes(accountSid);
  }

  @Override
  public Future<CallerId> addCallerId(CallerId callerId) {
    return written(delegate.addCallerId(callerId));
  }

  @Override
  public Future<List<CallerId>> listCallerIds(String accountSid) {
    return delegate.listCallerIds(accountSid);
  }

  @Override
  public Future<MessagingService> createService(MessagingService service) {
    return written(delegate.createService(service));
  }

  @Override
  public Future<List<MessagingService>> listServices(String accountSid) {
    return delegate.listServices(accountSid);
  }

  @Override
  public Future<MessagingService> updateService(MessagingService service) {
    return written(delegate.updateService(service));
  }

  @Override
  public Future<Boolean> deleteService(String accountSid, String sid) {
    return written(delegate.deleteService(accountSid, sid));
  }

  @Override
  public Future<ServiceSender> addServiceSender(ServiceSender sender) {
    return written(delegate.addServiceSender(sender));
  }

  @Override
  public Future<Optional<ServiceSender>> findServiceSender(String accountSid, String serviceSid,
      String sid) {
    return delegate.findServiceSender(accountSid, serviceSid, sid);
  }

  @Override
  public Future<Boolean> deleteServiceSender(String accountSid, String serviceSid, String sid) {
    return written(delegate.deleteServiceSender(accountSid, serviceSid, sid));
  }
}
