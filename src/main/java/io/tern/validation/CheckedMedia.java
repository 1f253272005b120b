package io.tern.validation;

/**
 * A MediaUrl that passed {@link MediaChecker}: its media type (lower case, without parameters) and
 * its size in bytes, or -1 when the server declared no length at all.
 */
public record CheckedMedia(String url, String contentType, long size) {}
