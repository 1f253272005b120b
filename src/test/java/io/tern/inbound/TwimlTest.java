package io.tern.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwimlTest {

  private static Twiml parse(String xml) throws Twiml.ParseException {
    return Twiml.parse(xml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsMessagesWithTheirAttributesBodyAndMedia() throws Exception {
    Twiml twiml = parse("""
        <?xml version="1.0" encoding="UTF-8"?>
        <Response>
          <Message>Thanks, got it</Message>
          <Message to="+14155550999" from="+14155550100" action="/status" method="GET">
            <Body>See the picture</Body>
            <Media>https://example.com/a.jpg</Media>
            <Media>https://example.com/b.png</Media>
          </Message>
        </Response>""");

    assertThat(twiml.redirect()).isNull();
    assertThat(twiml.replies()).containsExactly(
        new Twiml.Reply(null, null, null, null, null, "Thanks, got it", List.of()),
        new Twiml.Reply("+14155550999", "+14155550100", "/status", "GET", null, "See the picture",
            List.of("https://example.com/a.jpg", "https://example.com/b.png")));
  }

  @Test
  void aRedirectEndsTheDocument() throws Exception {
    Twiml twiml = parse("""
        <Response><Message>first</Message><Redirect method="GET">/next</Redirect>
        <Message>never sent</Message></Response>""");

    assertThat(twiml.replies()).extracting(Twiml.Reply::body).containsExactly("first");
    assertThat(twiml.redirect()).isEqualTo(new Twiml.Redirect("/next", "GET"));
  }

  @Test
  void anEmptyResponseSendsNothing() throws Exception {
    assertThat(parse("<Response/>")).isEqualTo(Twiml.EMPTY);
  }

  @Test
  void documentsThatAreNotTwimlAreRefused() {
    assertThatThrownBy(() -> parse("<Reply><Message>x</Message></Reply>"))
        .isInstanceOf(Twiml.ParseException.class).hasMessageContaining("<Response>");
    assertThatThrownBy(() -> parse("<Response><Message>unclosed</Response>"))
        .isInstanceOf(Twiml.ParseException.class);
    assertThatThrownBy(() -> parse("<Response><Message>" + "<Media>u</Media>".repeat(11)
        + "</Message></Response>")).isInstanceOf(Twiml.ParseException.class);
  }

  @Test
  void anExternalEntityReadsNothing(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
    String xxe = """
        <?xml version="1.0"?>
        <!DOCTYPE Response [<!ENTITY secret SYSTEM "%s">]>
        <Response><Message>&secret;</Message></Response>""".formatted(secret.toUri());

    assertThatThrownBy(() -> parse(xxe))
        .isInstanceOf(Twiml.ParseException.class)
        .hasMessageNotContaining("TOP-SECRET");
  }

  @Test
  void anEntityExpansionBombIsRefused() {
    String bomb = """
        <?xml version="1.0"?>
        <!DOCTYPE Response [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
        <Response><Message>&b;</Message></Response>""";

    assertThatThrownBy(() -> parse(bomb)).isInstanceOf(Twiml.ParseException.class);
  }
}
