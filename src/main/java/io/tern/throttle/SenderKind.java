package io.tern.throttle;

/** The kinds of sender whose default throughput differs (reference §11). */
public enum SenderKind {
  LONG_CODE,
  TOLL_FREE,
  SHORT_CODE,
  ALPHANUMERIC
}
