package io.tern.store.memory;

import io.tern.store.Account;
import io.tern.store.AccountRegistry;
import io.tern.store.CallerId;
import io.tern.store.DuplicateException;
import io.tern.store.MessagingService;
import io.tern.store.NotFoundException;
import io.tern.store.PhoneNumber;
import io.tern.store.ServiceSender;
import io.tern.store.ShortCode;
import io.tern.store.StoredForm;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The zero-set-up account registry: everything in memory, gone on restart.
 *
 * <p>Registry traffic is small next to message traffic, so one lock over insertion-ordered maps
 * keeps it simple: uniqueness checks and the writes they guard are atomic, and lists come out in
 * creation order for free. Every method returns an already-completed future.
 */
public final class InMemoryAccountRegistry implements AccountRegistry {

  private record SenderId(String serviceSid, String sid) {}

  private final Map<String, Account> accounts = new LinkedHashMap<>();
  private final Map<String, PhoneNumber> numbers = new LinkedHashMap<>();
  private final Map<String, ShortCode> shortCodes = new LinkedHashMap<>();
  // By value, because every message looks its sender up this way: no scan of all numbers.
  private final Map<String, PhoneNumber> numbersByValue = new java.util.HashMap<>();
  private final Map<String, ShortCode> shortCodesByValue = new java.util.HashMap<>();
  private final Map<String, CallerId> callerIds = new LinkedHashMap<>();
  private final Map<String, MessagingService> services = new LinkedHashMap<>();
  private final Map<SenderId, ServiceSender> senders = new LinkedHashMap<>();
  // The numbers and short codes in services, by value (addServiceSender keeps each in one
  // service at most): every message's opt-out check finds its sender's service this way, not
  // by a scan of all senders. Changed wherever senders is.
  private final Map<String, ServiceSender> numberSendersByValue = new java.util.HashMap<>();
  private final Map<String, ServiceSender> shortCodeSendersByValue = new java.util.HashMap<>();

  // Accounts

  @Override
  public synchronized Future<Account> createAccount(Account account) {
    if (accounts.containsKey(account.sid())) {
      return duplicate("Account " + account.sid());
    }
    Account stored = StoredForm.of(account);
    accounts.put(stored.sid(), stored);
    return Future.succeededFuture(stored);
  }

  @Override
  public synchronized Future<Optional<Account>> findAccount(String sid) {
    return Future.succeededFuture(Optional.ofNullable(sid == null ? null : accounts.get(sid)));
  }

  @Override
  public synchronized Future<List<Account>> listAccounts(String ownerAccountSid) {
    return Future.succeededFuture(
        select(accounts, account -> account.ownerAccountSid().equals(ownerAccountSid)));
  }

  @Override
  public synchronized Future<Account> updateAccount(Account account) {
    Account old = accounts.get(account.sid());
    if (old == null) {
      return notFound("Account " + account.sid());
    }
    Account updated = StoredForm.of(new Account(old.sid(), account.authToken(),
        account.friendlyName(), old.ownerAccountSid(), account.status(), account.type(),
        old.dateCreated(), account.dateUpdated()));
    accounts.put(updated.sid(), updated);
    return Future.succeededFuture(updated);
  }

  @Override
  public synchronized Future<Optional<Account>> findMainAccount() {
    return Future.succeededFuture(accounts.values().stream().filter(Account::isMain).findFirst());
  }

  // Numbers, short codes, caller IDs

  @Override
  public synchronized Future<PhoneNumber> addPhoneNumber(PhoneNumber number) {
    if (numbers.containsKey(number.sid()) || numbersByValue.containsKey(number.phoneNumber())) {
      return duplicate("Phone number " + number.phoneNumber());
    }
    PhoneNumber stored = StoredForm.of(number);
    numbers.put(stored.sid(), stored);
    numbersByValue.put(stored.phoneNumber(), stored);
    return Future.succeededFuture(stored);
  }

  @Override
  public synchronized Future<Optional<PhoneNumber>> findPhoneNumber(String accountSid, String sid) {
    return Future.succeededFuture(owned(numbers, PhoneNumber::accountSid, accountSid, sid));
  }

  @Override
  public synchronized Future<Optional<PhoneNumber>> findPhoneNumberByValue(
      String accountSid, String e164) {
    return Future.succeededFuture(Optional.ofNullable(numbersByValue.get(e164))
        .filter(n -> n.accountSid().equals(accountSid)));
  }

  @Override
  public synchronized Future<List<PhoneNumber>> listPhoneNumbers(String accountSid) {
    return Future.succeededFuture(select(numbers, n -> n.accountSid().equals(accountSid)));
  }

  @Override
  public synchronized Future<Boolean> deletePhoneNumber(String accountSid, String sid) {
    if (owned(numbers, PhoneNumber::accountSid, accountSid, sid).isEmpty()) {
      return Future.succeededFuture(false);
    }
    PhoneNumber removed = numbers.remove(sid);
    numbersByValue.remove(removed.phoneNumber());
    removeSenders(s -> s.kind() == ServiceSender.Kind.PHONE_NUMBER && s.sid().equals(sid));
    return Future.succeededFuture(true);
  }

  @Override
  public synchronized Future<ShortCode> addShortCode(ShortCode shortCode) {
    if (shortCodes.containsKey(shortCode.sid()) || shortCodesByValue.containsKey(shortCode.shortCode())) {
      return duplicate("Short code " + shortCode.shortCode());
    }
    ShortCode stored = StoredForm.of(shortCode);
    shortCodes.put(stored.sid(), stored);
    shortCodesByValue.put(stored.shortCode(), stored);
    return Future.succeededFuture(stored);
  }

  @Override
  public synchronized Future<Optional<ShortCode>> findShortCode(String accountSid, String sid) {
    return Future.succeededFuture(owned(shortCodes, ShortCode::accountSid, accountSid, sid));
  }

  @Override
  public synchronized Future<Optional<ShortCode>> findShortCodeByValue(
      String accountSid, String code) {
    return Future.succeededFuture(Optional.ofNullable(shortCodesByValue.get(code))
        .filter(s -> s.accountSid().equals(accountSid)));
  }

  @Override
  public synchronized Future<List<ShortCode>> listShortCodes(String accountSid) {
    return Future.succeededFuture(select(shortCodes, s -> s.accountSid().equals(accountSid)));
  }

  @Override
  public synchronized Future<CallerId> addCallerId(CallerId callerId) {
    if (callerIds.containsKey(callerId.sid()) || callerIds.values().stream().anyMatch(
        c -> c.accountSid().equals(callerId.accountSid())
            && c.phoneNumber().equals(callerId.phoneNumber()))) {
      return duplicate("Caller ID " + callerId.phoneNumber());
    }
    CallerId stored = StoredForm.of(callerId);
    callerIds.put(stored.sid(), stored);
    return Future.succeededFuture(stored);
  }

  @Override
  public synchronized Future<List<CallerId>> listCallerIds(String accountSid) {
    return Future.succeededFuture(select(callerIds, c -> c.accountSid().equals(accountSid)));
  }

  @Override
  public synchronized Future<Boolean> isVerifiedCallerId(String accountSid, String e164) {
    return Future.succeededFuture(callerIds.values().stream()
        .anyMatch(c -> c.accountSid().equals(accountSid) && c.phoneNumber().equals(e164)));
  }

  // Messaging Services

  @Override
  public synchronized Future<MessagingService> createService(MessagingService service) {
    if (services.containsKey(service.sid())) {
      return duplicate("Messaging Service " + service.sid());
    }
    MessagingService stored = StoredForm.of(service);
    services.put(stored.sid(), stored);
    return Future.succeededFuture(stored);
  }

  @Override
  public synchronized Future<Optional<MessagingService>> findService(
      String accountSid, String sid) {
    return Future.succeededFuture(owned(services, MessagingService::accountSid, accountSid, sid));
  }

  @Override
  public synchronized Future<List<MessagingService>> listServices(String accountSid) {
    return Future.succeededFuture(select(services, s -> s.accountSid().equals(accountSid)));
  }

  @Override
  public synchronized Future<MessagingService> updateService(MessagingService s) {
    Optional<MessagingService> old =
        owned(services, MessagingService::accountSid, s.accountSid(), s.sid());
    if (old.isEmpty()) {
      return notFound("Messaging Service " + s.sid());
    }
    MessagingService updated = StoredForm.of(new MessagingService(s.sid(), s.accountSid(),
        s.friendlyName(), s.inboundRequestUrl(), s.inboundMethod(), s.fallbackUrl(),
        s.fallbackMethod(), s.statusCallback(), s.stickySender(), s.mmsConverter(),
        s.smartEncoding(), s.scanMessageContent(), s.fallbackToLongCode(), s.areaCodeGeomatch(),
        s.validityPeriod(), s.synchronousValidation(), s.usecase(),
        s.useInboundWebhookOnNumber(), old.get().dateCreated(), s.dateUpdated()));
    services.put(updated.sid(), updated);
    return Future.succeededFuture(updated);
  }

  @Override
  public synchronized Future<Boolean> deleteService(String accountSid, String sid) {
    if (owned(services, MessagingService::accountSid, accountSid, sid).isEmpty()) {
      return Future.succeededFuture(false);
    }
    services.remove(sid);
    removeSenders(s -> s.serviceSid().equals(sid));
    return Future.succeededFuture(true);
  }

  @Override
  public synchronized Future<ServiceSender> addServiceSender(ServiceSender sender) {
    if (owned(services, MessagingService::accountSid, sender.accountSid(), sender.serviceSid())
        .isEmpty()) {
      return notFound("Messaging Service " + sender.serviceSid());
    }
    boolean alpha = sender.kind() == ServiceSender.Kind.ALPHA_SENDER;
    boolean taken = senders.containsKey(new SenderId(sender.serviceSid(), sender.sid()))
        || senders.values().stream().anyMatch(s -> s.kind() == sender.kind()
            && s.value().equals(sender.value())
            && (!alpha || s.serviceSid().equals(sender.serviceSid())));
    if (taken) {
      return duplicate("Sender " + sender.value());
    }
    ServiceSender stored = StoredForm.of(sender);
    senders.put(new SenderId(stored.serviceSid(), stored.sid()), stored);
    Map<String, ServiceSender> byValue = sendersByValue(stored.kind());
    if (byValue != null) {
      byValue.put(stored.value(), stored);
    }
    return Future.succeededFuture(stored);
  }

  @Override
  public synchronized Future<List<ServiceSender>> listServiceSenders(
      String accountSid, String serviceSid, ServiceSender.Kind kind) {
    return Future.succeededFuture(select(senders, s -> s.accountSid().equals(accountSid)
        && s.serviceSid().equals(serviceSid)
        && (kind == null || s.kind() == kind)));
  }

  @Override
  public synchronized Future<Optional<ServiceSender>> findServiceSender(
      String accountSid, String serviceSid, String sid) {
    return Future.succeededFuture(ownedSender(accountSid, serviceSid, sid));
  }

  @Override
  public synchronized Future<Boolean> deleteServiceSender(
      String accountSid, String serviceSid, String sid) {
    if (ownedSender(accountSid, serviceSid, sid).isEmpty()) {
      return Future.succeededFuture(false);
    }
    unindex(senders.remove(new SenderId(serviceSid, sid)));
    return Future.succeededFuture(true);
  }

  /**
   * The status callback URL of the account's Messaging Service, or null when it has none or
   * there is no such service. The in-memory message store resolves callback URLs with this.
   */
  synchronized String serviceStatusCallback(String accountSid, String serviceSid) {
    return owned(services, MessagingService::accountSid, accountSid, serviceSid)
        .map(MessagingService::statusCallback)
        .orElse(null);
  }

  /**
   * The owner and webhook settings of a registered number or short code, whichever account has
   * it (for received messages, {@link io.tern.store.InboundStore#findRecipient}).
   */
  public synchronized Optional<io.tern.store.InboundRecipient> recipient(String address) {
    PhoneNumber number = numbersByValue.get(address);
    ShortCode code = number == null ? shortCodesByValue.get(address) : null;
    if (number == null && code == null) {
      return Optional.empty();
    }
    MessagingService service = serviceOf(address);
    String accountSid = number != null ? number.accountSid() : code.accountSid();
    return Optional.of(new io.tern.store.InboundRecipient(accountSid, address,
        number != null ? number.smsUrl() : null,
        number != null ? number.smsMethod() : null,
        number != null ? number.smsFallbackUrl() : null,
        number != null ? number.smsFallbackMethod() : null,
        service == null ? null : service.sid(),
        service == null ? null : service.inboundRequestUrl(),
        service == null ? null : service.inboundMethod(),
        service == null ? null : service.fallbackUrl(),
        service == null ? null : service.fallbackMethod(),
        service != null && service.useInboundWebhookOnNumber()));
  }

  /**
   * The sid of the Messaging Service a registered number or short code sends for, or null: what
   * {@link #recipient} says of it, without the rest (the opt-out check asks for every message).
   */
  public synchronized String serviceSidOf(String address) {
    MessagingService service = serviceOf(address);
    return service == null ? null : service.sid();
  }

  /** Caller holds the lock. The service of a registered number or short code, or null. */
  private MessagingService serviceOf(String address) {
    ServiceSender sender = numbersByValue.containsKey(address)
        ? numberSendersByValue.get(address)
        : shortCodesByValue.containsKey(address) ? shortCodeSendersByValue.get(address) : null;
    return sender == null ? null : services.get(sender.serviceSid());
  }

  /** The index by value of a kind of sender; null for alphanumeric IDs, which are not indexed. */
  private Map<String, ServiceSender> sendersByValue(ServiceSender.Kind kind) {
    return switch (kind) {
      case PHONE_NUMBER -> numberSendersByValue;
      case SHORT_CODE -> shortCodeSendersByValue;
      case ALPHA_SENDER -> null;
    };
  }

  private void unindex(ServiceSender removed) {
    Map<String, ServiceSender> byValue = removed == null ? null : sendersByValue(removed.kind());
    if (byValue != null) {
      byValue.remove(removed.value(), removed);
    }
  }

  private void removeSenders(Predicate<ServiceSender> which) {
    for (var it = senders.values().iterator(); it.hasNext(); ) {
      ServiceSender sender = it.next();
      if (which.test(sender)) {
        it.remove();
        unindex(sender);
      }
    }
  }

  private Optional<ServiceSender> ownedSender(String accountSid, String serviceSid, String sid) {
    ServiceSender sender = senders.get(new SenderId(serviceSid, sid));
    return sender != null && sender.accountSid().equals(accountSid)
        ? Optional.of(sender)
        : Optional.empty();
  }

  private static <T> Optional<T> owned(
      Map<String, T> map, Function<T, String> accountOf, String accountSid, String sid) {
    T item = sid == null ? null : map.get(sid);
    return item != null && accountOf.apply(item).equals(accountSid)
        ? Optional.of(item)
        : Optional.empty();
  }

  private static <K, T> List<T> select(Map<K, T> map, Predicate<T> filter) {
    return map.values().stream().filter(filter).toList();
  }

  private static <T> Future<T> duplicate(String what) {
    return Future.failedFuture(new DuplicateException(what + " is already registered"));
  }

  private static <T> Future<T> notFound(String what) {
    return Future.failedFuture(new NotFoundException(what + " not found"));
  }
}
