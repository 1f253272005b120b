package io.tern.store;

import java.time.Instant;

/** A Messaging Service (MG): a sender pool with settings shared by its messages. */
public record MessagingService(
    String sid,
    String accountSid,
    String friendlyName,
    String inboundRequestUrl,
    String inboundMethod,
    String fallbackUrl,
    String fallbackMethod,
    String statusCallback,
    boolean stickySender,
    boolean mmsConverter,
    boolean smartEncoding,
    String scanMessageContent,
    boolean fallbackToLongCode,
    boolean areaCodeGeomatch,
    int validityPeriod,
    boolean synchronousValidation,
    String usecase,
    boolean useInboundWebhookOnNumber,
    Instant dateCreated,
    Instant dateUpdated) {}
