package io.tern.metrics;

/**
 * One sender's queue for the per-sender gauges.
 *
 * @param sender the sender key: a number or short code, or account and ID for an alphanumeric
 *     sender ID
 * @param messages messages queued, in memory and in the store
 * @param segments their segments
 * @param drainSeconds how long the sender's rate takes to let them all through
 */
public record SenderDepth(String sender, long messages, long segments, double drainSeconds) {}
