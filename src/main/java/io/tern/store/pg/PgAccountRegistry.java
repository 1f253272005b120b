package io.tern.store.pg;

import static io.tern.store.pg.PgRows.timestamp;

import io.tern.store.Account;
import io.tern.store.AccountRegistry;
import io.tern.store.CallerId;
import io.tern.store.MessagingService;
import io.tern.store.NotFoundException;
import io.tern.store.PhoneNumber;
import io.tern.store.ServiceSender;
import io.tern.store.ShortCode;
import io.tern.store.StoredForm;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Accounts and what they own, in PostgreSQL. Uniqueness (numbers, short codes, caller IDs per
 * account, pool membership) is enforced by unique indexes, so concurrent registrations cannot
 * both win; a violation becomes a {@link io.tern.store.DuplicateException}. Timestamps are
 * truncated to microseconds before they are written ({@link StoredForm}).
 */
public final class PgAccountRegistry implements AccountRegistry {

  private final Pool pool;

  public PgAccountRegistry(Pool pool) {
    this.pool = pool;
  }

  // Accounts

  @Override
  public Future<Account> createAccount(Account account) {
    Account a = StoredForm.of(account);
    return one(AccountSql.CREATE_ACCOUNT, Tuple.of(a.sid(), a.authToken(), a.friendlyName(),
            a.ownerAccountSid(), a.status().name(), a.type().name(), timestamp(a.dateCreated()),
            timestamp(a.dateUpdated())), PgRows::account)
        .recover(e -> PgErrors.duplicateAs(e, "Account " + a.sid()))
        .map(Optional::orElseThrow);
  }

  @Override
  public Future<Optional<Account>> findAccount(String sid) {
    return one(AccountSql.FIND_ACCOUNT, Tuple.of(sid), PgRows::account);
  }

  @Override
  public Future<List<Account>> listAccounts(String ownerAccountSid) {
    return all(AccountSql.LIST_ACCOUNTS, Tuple.of(ownerAccountSid), PgRows::account);
  }

  @Override
  public Future<Account> updateAccount(Account account) {
    Account a = StoredForm.of(account);
    return one(AccountSql.UPDATE_ACCOUNT, Tuple.of(a.sid(), a.authToken(), a.friendlyName(),
            a.status().name(), a.type().name(), timestamp(a.dateUpdated())), PgRows::account)
        .compose(found -> orNotFound(found, "Account " + a.sid()));
  }

  @Override
  public Future<Optional<Account>> findMainAccount() {
    return one(AccountSql.FIND_MAIN_ACCOUNT, Tuple.tuple(), PgRows::account);
  }

  // Numbers, short codes, caller IDs

  @Override
  public Future<PhoneNumber> addPhoneNumber(PhoneNumber number) {
    PhoneNumber n = StoredForm.of(number);
    return one(AccountSql.ADD_PHONE_NUMBER, Tuple.from(new Object[] {n.sid(), n.accountSid(),
            n.phoneNumber(), n.friendlyName(), n.smsUrl(), n.smsMethod(), n.smsFallbackUrl(),
            n.smsFallbackMethod(), n.statusCallback(), n.throughput(),
            timestamp(n.dateCreated()), timestamp(n.dateUpdated())}), PgRows::phoneNumber)
        .recover(e -> PgErrors.duplicateAs(e, "Phone number " + n.phoneNumber()))
        .map(Optional::orElseThrow);
  }

  @Override
  public Future<Optional<PhoneNumber>> findPhoneNumber(String accountSid, String sid) {
    return one(AccountSql.FIND_PHONE_NUMBER, Tuple.of(accountSid, sid), PgRows::phoneNumber);
  }

  @Override
  public Future<Optional<PhoneNumber>> findPhoneNumberByValue(String accountSid, String e164) {
    return one(AccountSql.FIND_PHONE_NUMBER_BY_VALUE, Tuple.of(accountSid, e164),
        PgRows::phoneNumber);
  }

  @Override
  public Future<List<PhoneNumber>> listPhoneNumbers(String accountSid) {
    return all(AccountSql.LIST_PHONE_NUMBERS, Tuple.of(accountSid), PgRows::phoneNumber);
  }

  @Override
  public Future<Boolean> deletePhoneNumber(String accountSid, String sid) {
    return pool.preparedQuery(AccountSql.DELETE_PHONE_NUMBER).execute(Tuple.of(accountSid, sid))
        .map(rows -> rows.iterator().next().getLong("released") > 0);
  }

  @Override
  public Future<ShortCode> addShortCode(ShortCode shortCode) {
    ShortCode s = StoredForm.of(shortCode);
    return one(AccountSql.ADD_SHORT_CODE, Tuple.from(new Object[] {s.sid(), s.accountSid(),
            s.shortCode(), s.countryCode(), s.friendlyName(), s.throughput(),
            timestamp(s.dateCreated()), timestamp(s.dateUpdated())}), PgRows::shortCode)
        .recover(e -> PgErrors.duplicateAs(e, "Short code " + s.shortCode()))
        .map(Optional::orElseThrow);
  }

  @Override
  public Future<Optional<ShortCode>> findShortCode(String accountSid, String sid) {
    return one(AccountSql.FIND_SHORT_CODE, Tuple.of(accountSid, sid), PgRows::shortCode);
  }

  @Override
  public Future<Optional<ShortCode>> findShortCodeByValue(String accountSid, String code) {
    return one(AccountSql.FIND_SHORT_CODE_BY_VALUE, Tuple.of(accountSid, code),
        PgRows::shortCode);
  }

  @Override
  public Future<List<ShortCode>> listShortCodes(String accountSid) {
    return all(AccountSql.LIST_SHORT_CODES, Tuple.of(accountSid), PgRows::shortCode);
  }

  @Override
  public Future<CallerId> addCallerId(CallerId callerId) {
    CallerId c = StoredForm.of(callerId);
    return one(AccountSql.ADD_CALLER_ID, Tuple.of(c.sid(), c.accountSid(), c.phoneNumber(),
            c.friendlyName(), timestamp(c.dateCreated())), PgRows::callerId)
        .recover(e -> PgErrors.duplicateAs(e, "Caller ID " + c.phoneNumber()))
        .map(Optional::orElseThrow);
  }

  @Override
  public Future<List<CallerId>> listCallerIds(String accountSid) {
    return all(AccountSql.LIST_CALLER_IDS, Tuple.of(accountSid), PgRows::callerId);
  }

  @Override
  public Future<Boolean> isVerifiedCallerId(String accountSid, String e164) {
    return pool.preparedQuery(AccountSql.IS_VERIFIED_CALLER_ID)
        .execute(Tuple.of(accountSid, e164))
        .map(rows -> rows.iterator().next().getBoolean("verified"));
  }

  // Messaging Services

  @Override
  public Future<MessagingService> createService(MessagingService service) {
    MessagingService s = StoredForm.of(service);
    Tuple args = settings(s).addOffsetDateTime(timestamp(s.dateCreated()))
        .addOffsetDateTime(timestamp(s.dateUpdated()));
    return one(AccountSql.CREATE_SERVICE, args, PgRows::service)
        .recover(e -> PgErrors.duplicateAs(e, "Messaging Service " + s.sid()))
        .map(Optional::orElseThrow);
  }

  /** Parameters $1 to $18 of the service statements: identity and settings. */
  private static Tuple settings(MessagingService s) {
    return Tuple.from(new Object[] {s.sid(), s.accountSid(), s.friendlyName(),
        s.inboundRequestUrl(), s.inboundMethod(), s.fallbackUrl(), s.fallbackMethod(),
        s.statusCallback(), s.stickySender(), s.mmsConverter(), s.smartEncoding(),
        s.scanMessageContent(), s.fallbackToLongCode(), s.areaCodeGeomatch(),
        s.validityPeriod(), s.synchronousValidation(), s.usecase(),
        s.useInboundWebhookOnNumber()});
  }

  @Override
  public Future<Optional<MessagingService>> findService(String accountSid, String sid) {
    return one(AccountSql.FIND_SERVICE, Tuple.of(accountSid, sid), PgRows::service);
  }

  @Override
  public Future<List<MessagingService>> listServices(String accountSid) {
    return all(AccountSql.LIST_SERVICES, Tuple.of(accountSid), PgRows::service);
  }

  @Override
  public Future<MessagingService> updateService(MessagingService service) {
    MessagingService s = StoredForm.of(service);
    Tuple args = settings(s).addOffsetDateTime(timestamp(s.dateUpdated()));
    return one(AccountSql.UPDATE_SERVICE, args, PgRows::service)
        .compose(found -> orNotFound(found, "Messaging Service " + s.sid()));
  }

  @Override
  public Future<Boolean> deleteService(String accountSid, String sid) {
    return pool.preparedQuery(AccountSql.DELETE_SERVICE).execute(Tuple.of(accountSid, sid))
        .map(rows -> rows.rowCount() > 0);
  }

  @Override
  public Future<ServiceSender> addServiceSender(ServiceSender sender) {
    ServiceSender s = StoredForm.of(sender);
    return one(AccountSql.ADD_SERVICE_SENDER, Tuple.from(new Object[] {s.sid(), s.accountSid(),
            s.serviceSid(), s.kind().name(), s.value(), s.countryCode(),
            timestamp(s.dateCreated()), timestamp(s.dateUpdated())}), PgRows::serviceSender)
        .recover(e -> PgErrors.duplicateAs(e, "Sender " + s.value()))
        .compose(added -> orNotFound(added, "Messaging Service " + s.serviceSid()));
  }

  @Override
  public Future<List<ServiceSender>> listServiceSenders(
      String accountSid, String serviceSid, ServiceSender.Kind kind) {
    return all(AccountSql.LIST_SERVICE_SENDERS,
        Tuple.of(accountSid, serviceSid, kind == null ? null : kind.name()),
        PgRows::serviceSender);
  }

  @Override
  public Future<Optional<ServiceSender>> findServiceSender(
      String accountSid, String serviceSid, String sid) {
    return one(AccountSql.FIND_SERVICE_SENDER, Tuple.of(accountSid, serviceSid, sid),
        PgRows::serviceSender);
  }

  @Override
  public Future<Boolean> deleteServiceSender(String accountSid, String serviceSid, String sid) {
    return pool.preparedQuery(AccountSql.DELETE_SERVICE_SENDER)
        .execute(Tuple.of(accountSid, serviceSid, sid))
        .map(rows -> rows.rowCount() > 0);
  }

  private <T> Future<Optional<T>> one(String sql, Tuple args, Function<Row, T> mapper) {
    return pool.preparedQuery(sql).execute(args).map(rows -> {
      var iterator = rows.iterator();
      return iterator.hasNext() ? Optional.of(mapper.apply(iterator.next())) : Optional.empty();
    });
  }

  private <T> Future<List<T>> all(String sql, Tuple args, Function<Row, T> mapper) {
    return pool.preparedQuery(sql).execute(args).map(rows -> list(rows, mapper));
  }

  private static <T> List<T> list(RowSet<Row> rows, Function<Row, T> mapper) {
    List<T> items = new ArrayList<>(rows.size());
    rows.forEach(row -> items.add(mapper.apply(row)));
    return items;
  }

  private static <T> Future<T> orNotFound(Optional<T> found, String what) {
    return found.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(new NotFoundException(what + " not found")));
  }
}
