package io.tern.account;

import io.tern.api.TwilioDates;
import io.tern.store.Account;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Accounts in Twilio's 2010 JSON (spec {@code api.v2010.account}): every field, nulls explicit. */
public final class AccountJson {
  public static final String ACCOUNTS_PATH = "/2010-04-01/Accounts";

  /**
   * The subresources Twilio lists on every account, key and path, in the order of its examples.
   * Tern serves messages, incoming_phone_numbers, short_codes and outgoing_caller_ids; the rest
   * are listed so SDKs that build on the map find every key they expect.
   */
  private static final Map<String, String> SUBRESOURCES = subresources();

  private AccountJson() {}

  public static String path(String accountSid) {
    return ACCOUNTS_PATH + "/" + accountSid;
  }

  public static String uri(String accountSid) {
    return path(accountSid) + ".json";
  }

  public static JsonObject render(Account account) {
    JsonObject subresourceUris = new JsonObject();
    SUBRESOURCES.forEach((key, resource) ->
        subresourceUris.put(key, path(account.sid()) + "/" + resource + ".json"));
    return new JsonObject()
        .put("auth_token", account.authToken())
        .put("date_created", TwilioDates.rfc2822(account.dateCreated()))
        .put("date_updated", TwilioDates.rfc2822(account.dateUpdated()))
        .put("friendly_name", account.friendlyName())
        .put("owner_account_sid", account.ownerAccountSid())
        .put("sid", account.sid())
        .put("status", status(account.status()))
        .put("subresource_uris", subresourceUris)
        .put("type", type(account.type()))
        .put("uri", uri(account.sid()));
  }

  /** {@code active}, {@code suspended} or {@code closed}. */
  public static String status(Account.Status status) {
    return status.name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Account.Status> parseStatus(String text) {
    for (Account.Status status : Account.Status.values()) {
      if (status(status).equalsIgnoreCase(text)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }

  /** {@code Trial} or {@code Full}, capitalised as Twilio writes them. */
  public static String type(Account.Type type) {
    return type == Account.Type.TRIAL ? "Trial" : "Full";
  }

  public static Optional<Account.Type> parseType(String text) {
    for (Account.Type type : Account.Type.values()) {
      if (type(type).equalsIgnoreCase(text)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  private static Map<String, String> subresources() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("available_phone_numbers", "AvailablePhoneNumbers");
    map.put("calls", "Calls");
    map.put("conferences", "Conferences");
    map.put("incoming_phone_numbers", "IncomingPhoneNumbers");
    map.put("notifications", "Notifications");
    map.put("outgoing_caller_ids", "OutgoingCallerIds");
    map.put("recordings", "Recordings");
    map.put("transcriptions", "Transcriptions");
    map.put("addresses", "Addresses");
    map.put("signing_keys", "SigningKeys");
    map.put("connect_apps", "ConnectApps");
    map.put("sip", "SIP");
    map.put("authorized_connect_apps", "AuthorizedConnectApps");
    map.put("usage", "Usage");
    map.put("keys", "Keys");
    map.put("applications", "Applications");
    map.put("short_codes", "SMS/ShortCodes");
    map.put("queues", "Queues");
    map.put("messages", "Messages");
    map.put("balance", "Balance");
    return Collections.unmodifiableMap(map);
  }
}
