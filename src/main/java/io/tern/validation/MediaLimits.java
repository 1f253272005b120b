package io.tern.validation;

import java.time.Duration;

/**
 * How large media may be and how long checking one URL may take. Twilio allows 5 MB for the image
 * types it resizes for handsets and 500 KB for everything else (reference §9); Tern reads those
 * as binary units, the lenient reading.
 */
public record MediaLimits(long imageBytes, long otherBytes, Duration timeout) {
  public static final long DEFAULT_IMAGE_BYTES = 5L * 1024 * 1024;
  public static final long DEFAULT_OTHER_BYTES = 500L * 1024;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  public MediaLimits {
    if (imageBytes <= 0 || otherBytes <= 0) {
      throw new IllegalArgumentException("media size limits must be positive");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the media check timeout must be positive");
    }
  }

  public static MediaLimits defaults() {
    return new MediaLimits(DEFAULT_IMAGE_BYTES, DEFAULT_OTHER_BYTES, DEFAULT_TIMEOUT);
  }

  /** The limit for an accepted media type, as {@link MediaTypes#normalize} gives it. */
  public long limitFor(String mediaType) {
    return MediaTypes.isResizableImage(mediaType) ? imageBytes : otherBytes;
  }
}
