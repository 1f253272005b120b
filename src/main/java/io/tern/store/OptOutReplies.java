package io.tern.store;

import java.time.Instant;

/**
 * A Messaging Service's answers to STOP, START and HELP (Tern's extension of the v1 Service
 * resource). A null text means Twilio's default for that keyword.
 *
 * @param enabled false: the service sends no automatic reply (opt-outs still apply)
 */
public record OptOutReplies(
    String serviceSid,
    String accountSid,
    boolean enabled,
    String stopText,
    String startText,
    String helpText,
    Instant dateUpdated) {}
