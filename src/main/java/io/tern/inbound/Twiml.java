package io.tern.inbound;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A Messaging TwiML document, as a webhook answered it: the {@code <Message>}s to send, and a
 * {@code <Redirect>} to follow (verbs after a redirect are never reached, as on Twilio).
 *
 * <p>The answer is untrusted input: the JDK's parser runs with secure processing, a document
 * with a DTD is refused outright, and external entities and XInclude are off, so a document
 * cannot make Tern read files or open connections.
 */
public record Twiml(List<Reply> replies, Redirect redirect) {

  /** The longest answer read (Twilio's limit); longer ones are error 11750. */
  public static final int MAX_BYTES = 64 * 1024;
  private static final int MAX_MEDIA = 10;

  /** One {@code <Message>}: every attribute may be null (then the reply defaults apply). */
  public record Reply(String to, String from, String action, String method, String statusCallback,
      String body, List<String> media) {}

  /** {@code <Redirect method="...">url</Redirect>}. */
  public record Redirect(String url, String method) {}

  public static final Twiml EMPTY = new Twiml(List.of(), null);

  /** Thrown for a document that is not TwiML Tern can run (error 12100). */
  public static final class ParseException extends Exception {
    ParseException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public static Twiml parse(byte[] document) throws ParseException {
    Document parsed;
    try {
      DocumentBuilder builder = secureFactory().newDocumentBuilder();
      builder.setErrorHandler(null);
      parsed = builder.parse(new ByteArrayInputStream(document));
    } catch (Exception e) {
      throw new ParseException("Document parse failure: " + e.getMessage(), e);
    }
    Element root = parsed.getDocumentElement();
    if (!"Response".equals(root.getTagName())) {
      throw new ParseException("Document parse failure: the root element is not <Response>", null);
    }
    List<Reply> replies = new ArrayList<>();
    for (Element verb : children(root)) {
      switch (verb.getTagName()) {
        case "Message" -> replies.add(reply(verb));
        case "Redirect" -> {
          return new Twiml(replies, new Redirect(verb.getTextContent().strip(),
              WebhookTarget.method(attribute(verb, "method"))));
        }
        default -> {
          // Twilio warns (12200) and goes on; so does Tern.
        }
      }
    }
    return new Twiml(replies, null);
  }

  private static Reply reply(Element message) throws ParseException {
    StringBuilder text = new StringBuilder();
    String body = null;
    List<String> media = new ArrayList<>();
    for (Node node = message.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
        text.append(node.getNodeValue());
      } else if (node instanceof Element child) {
        if (child.getTagName().equals("Body")) {
          body = child.getTextContent();
        } else if (child.getTagName().equals("Media")) {
          media.add(child.getTextContent().strip());
        }
      }
    }
    if (media.size() > MAX_MEDIA) {
      throw new ParseException("A <Message> has more than " + MAX_MEDIA + " <Media>", null);
    }
    String content = body != null ? body : text.toString().strip();
    return new Reply(attribute(message, "to"), attribute(message, "from"),
        attribute(message, "action"), attribute(message, "method"),
        attribute(message, "statusCallback"), content, List.copyOf(media));
  }

  private static String attribute(Element element, String name) {
    String value = element.getAttribute(name);
    return value.isBlank() ? null : value.strip();
  }

  private static List<Element> children(Element parent) {
    List<Element> elements = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element element) {
        elements.add(element);
      }
    }
    return elements;
  }

  private static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
    factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    factory.setNamespaceAware(false);
    return factory;
  }
}
