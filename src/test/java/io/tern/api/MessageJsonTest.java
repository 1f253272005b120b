package io.tern.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.message.Media;
import io.tern.message.Message;
import io.tern.message.MessageFixture;
import io.tern.message.MessageStatus;
import io.tern.message.Sids;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageJsonTest {
  private static final String ACCOUNT = Sids.generate(Sids.ACCOUNT);
  private static final Instant AT = Instant.parse("2024-05-01T12:00:00.123456Z");

  private static Message message(String body, String from, Integer errorCode, String errorMessage,
      String price, List<Media> media, Instant sent) {
    String sid = Sids.generate(Sids.MESSAGE);
    return MessageFixture.queued(sid, ACCOUNT, from, AT)
        .messagingServiceSid(from == null ? "MG00000000000000000000000000000001" : null)
        .body(body)
        .numSegments(2)
        .encoding("UCS2")
        .media(media)
        .errorCode(errorCode)
        .errorMessage(errorMessage)
        .price(price)
        .dateUpdated(AT.plusSeconds(1))
        .dateSent(sent)
        .build();
  }

  @Test
  void theStreamedBodyIsByteForByteTheRenderedOne() {
    String sid = Sids.generate(Sids.MESSAGE);
    List<Message> messages = List.of(
        message("Hello", "+14155550100", null, null, null, List.of(), null),
        // Quotes, backslashes, control characters, a slash, non-ASCII and a surrogate pair.
        message("\"quoted\" back\\slash\ttab\nline\u0001 a/b caf\u00e9 \u041f\u0440\u0438 \ud83d\ude00",
            "Tern", 30008, "Unknown \"error\"", "-0.00750", List.of(), AT.plusSeconds(2)),
        message(null, null, 21610, null, null, List.of(
            new Media(Sids.generate(Sids.MEDIA), ACCOUNT, sid, "https://a.example/1.png",
                "image/png", AT)), AT),
        message("", "12345", 0, "", "", List.of(), null),
        // Longer than the buffer the encoding starts with.
        message("A long body, ".repeat(120), "+14155550100", null, null, null, List.of(), null));

    for (Message m : messages) {
      assertThat(MessageJson.encode(m).toString())
          .isEqualTo(MessageJson.render(m).toBuffer().toString());
      assertThat(MessageJson.encode(m).getBytes())
          .isEqualTo(MessageJson.render(m).toBuffer().getBytes());
    }
  }
}
