package io.tern.carrier;

import java.time.Instant;

/**
 * A message handed to the carrier verticle by a throttle shard.
 *
 * @param releasedAt the moment the shard's rate let the message go: it becomes the message's
 *     {@code date_sent} once the carrier accepts it, so the spacing the rate guarantees is the
 *     spacing the API shows, untouched by the time loading and handing over took
 */
public record CarrierRequest(OutboundSms sms, Instant releasedAt) {}
