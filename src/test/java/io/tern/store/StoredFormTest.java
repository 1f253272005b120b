package io.tern.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.message.Media;
import io.tern.message.Message;
import io.tern.message.MessageFixture;
import io.tern.message.Sids;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoredFormTest {
  private static final Instant T0 = Instant.parse("2025-06-01T10:00:00.123456789Z");
  private static final Instant T0_STORED = Instant.parse("2025-06-01T10:00:00.123456Z");

  private final String account = Sids.generate(Sids.ACCOUNT);

  @Test
  void aMessageWithoutMediaIsStoredWithoutMedia() {
    Message stored = StoredForm.of(
        MessageFixture.queued(Sids.generate(Sids.MESSAGE), account, "+15005550006", T0).build());

    assertThat(stored.media()).isEmpty();
    assertThat(stored.dateCreated()).isEqualTo(T0_STORED);
  }

  @Test
  void mediaIsReparentedOntoTheMessageWithItsTimeTruncated() {
    String sid = Sids.generate(Sids.MMS_MESSAGE);
    Media given = new Media(Sids.generate(Sids.MEDIA), "AC-elsewhere", "MM-elsewhere",
        "https://media.example.com/1.png", "image/png", T0);
    Message stored = StoredForm.of(MessageFixture.queued(sid, account, "+15005550006", T0)
        .media(List.of(given)).build());

    assertThat(stored.media()).containsExactly(new Media(given.sid(), account, sid,
        "https://media.example.com/1.png", "image/png", T0_STORED));
  }
}
