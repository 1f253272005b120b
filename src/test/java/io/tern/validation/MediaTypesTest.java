package io.tern.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MediaTypesTest {

  @Test
  void normalizesTheDeclaredType() {
    assertThat(MediaTypes.normalize(" Image/PNG ; charset=binary")).isEqualTo("image/png");
  }

  @Test
  void acceptsTwilioTypesAndNothingElse() {
    assertThat(MediaTypes.isAccepted("image/jpeg")).isTrue();
    assertThat(MediaTypes.isAccepted("video/h264")).isTrue();
    assertThat(MediaTypes.isAccepted("application/pdf")).isTrue();
    assertThat(MediaTypes.isAccepted("text/html")).isFalse();
    assertThat(MediaTypes.isAccepted("application/octet-stream")).isFalse();
  }

  @Test
  void recognisesContentByItsFirstBytes() {
    assertThat(MediaTypes.matches("image/jpeg", bytes(0xFF, 0xD8, 0xFF, 0xE0))).isTrue();
    assertThat(MediaTypes.matches("image/gif", ascii("GIF89a"))).isTrue();
    assertThat(MediaTypes.matches("application/pdf", ascii("%PDF-1.4"))).isTrue();
    assertThat(MediaTypes.matches("video/mp4", ascii("\0\0\0\u0018ftypmp42"))).isTrue();
    assertThat(MediaTypes.matches("image/webp", ascii("RIFF\u0001\0\0\0WEBPVP8 "))).isTrue();
    assertThat(MediaTypes.matches("text/vcard", ascii("\uFEFF\r\nbegin:vcard\r\nVERSION:4.0"))).isTrue();
  }

  @Test
  void refusesContentThatIsNotWhatItClaims() {
    assertThat(MediaTypes.matches("image/jpeg", bytes(0x89, 0x50, 0x4E, 0x47))).isFalse();
    assertThat(MediaTypes.matches("application/pdf", ascii("<html>"))).isFalse();
    assertThat(MediaTypes.matches("video/mp4", ascii("ftyp"))).isFalse();
    assertThat(MediaTypes.matches("image/png", new byte[0])).isFalse();
  }

  @Test
  void acceptsAnyBytesForTypesWithoutASignature() {
    assertThat(MediaTypes.matches("text/plain", ascii("hello"))).isTrue();
    assertThat(MediaTypes.matches("audio/basic", bytes(1, 2, 3))).isTrue();
  }

  @Test
  void resizableImagesGetTheLargerLimit() {
    MediaLimits limits = MediaLimits.defaults();

    assertThat(limits.limitFor("image/gif")).isEqualTo(5L * 1024 * 1024);
    assertThat(limits.limitFor("image/webp")).isEqualTo(500L * 1024);
    assertThat(limits.limitFor("video/mp4")).isEqualTo(500L * 1024);
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
