package io.tern.api;

import io.tern.message.TwilioError;

import io.tern.store.Account;
import io.tern.store.AccountRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * HTTP Basic authentication with an account sid and its auth token, as Twilio does. The
 * authenticated account is kept on the routing context for the handlers after it.
 */
public final class Authentication {
  private static final String KEY = "tern.account";

  private final AccountRegistry accounts;

  public Authentication(AccountRegistry accounts) {
    this.accounts = accounts;
  }

  /** A route handler: authenticates, then continues, or answers 401 with 20003. */
  public void handle(RoutingContext ctx) {
    Credentials credentials = Credentials.parse(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
    if (credentials == null) {
      ctx.fail(TwilioError.AUTHENTICATION_FAILED.with());
      return;
    }
    accounts.findAccount(credentials.username())
        .onSuccess(found -> {
          if (found.isPresent() && tokenMatches(found.get(), credentials.password())) {
            ctx.put(KEY, found.get());
            ctx.next();
          } else {
            ctx.fail(TwilioError.AUTHENTICATION_FAILED.with());
          }
        })
        .onFailure(ctx::fail);
  }

  /** The account whose credentials the request carried. */
  public static Account caller(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  private static boolean tokenMatches(Account account, String token) {
    // Constant-time, so response timing does not reveal how much of a token was right.
    return MessageDigest.isEqual(
        account.authToken().getBytes(StandardCharsets.UTF_8),
        token.getBytes(StandardCharsets.UTF_8));
  }

  record Credentials(String username, String password) {
    static Credentials parse(String header) {
      if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
        return null;
      }
      try {
        String decoded = new String(
            Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        // No account sid or token holds a NUL, and PostgreSQL refuses one in a lookup.
        return colon < 0 || decoded.indexOf('\0') >= 0 ? null : new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
      } catch (IllegalArgumentException notBase64) {
        return null;
      }
    }
  }
}
