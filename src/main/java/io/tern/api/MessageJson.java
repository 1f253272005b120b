package io.tern.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.tern.store.Feedback;
import io.tern.message.Media;
import io.tern.message.Message;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;

/** Messages, their media and feedback in Twilio's 2010 JSON: every field, nulls explicit. */
public final class MessageJson {
  public static final String API_VERSION = "2010-04-01";
  /** Vert.x's codec writes with a default factory; so does {@link #encode(Message)}. */
  private static final JsonFactory JSON = new JsonFactory();
  /** A message with a short body and no error encodes to about 900 bytes. */
  private static final int ENCODED_CAPACITY = 1024;

  private MessageJson() {}

  public static String messagesPath(String accountSid) {
    return "/2010-04-01/Accounts/" + accountSid + "/Messages";
  }

  public static String uri(Message message) {
    return messagesPath(message.accountSid()) + "/" + message.sid() + ".json";
  }

  public static JsonObject render(Message message) {
    String base = messagesPath(message.accountSid()) + "/" + message.sid();
    return new JsonObject()
        .put("account_sid", message.accountSid())
        .put("api_version", API_VERSION)
        .put("body", message.body())
        .put("date_created", TwilioDates.rfc2822(message.dateCreated()))
        .put("date_sent", TwilioDates.rfc2822(message.dateSent()))
        .put("date_updated", TwilioDates.rfc2822(message.dateUpdated()))
        .put("direction", message.direction())
        .put("error_code", message.errorCode())
        .put("error_message", message.errorMessage())
        .put("from", message.from())
        .put("messaging_service_sid", message.messagingServiceSid())
        .put("num_media", Integer.toString(message.numMedia()))
        .put("num_segments", Integer.toString(message.numSegments()))
        .put("price", message.price())
        .put("price_unit", message.priceUnit())
        .put("sid", message.sid())
        .put("status", message.status().wire())
        .put("subresource_uris", new JsonObject()
            .put("media", base + "/Media.json")
            .put("feedback", base + "/Feedback.json"))
        .put("to", message.to())
        .put("uri", base + ".json");
  }

  /**
   * Field names written from their UTF-8 bytes, encoded once: a String name is checked and
   * copied character by character on every write, which was most of the encoding's time.
   */
  private static final class Names {
    static final SerializableString ACCOUNT_SID = new SerializedString("account_sid");
    static final SerializableString API_VERSION = new SerializedString("api_version");
    static final SerializableString BODY = new SerializedString("body");
    static final SerializableString DATE_CREATED = new SerializedString("date_created");
    static final SerializableString DATE_SENT = new SerializedString("date_sent");
    static final SerializableString DATE_UPDATED = new SerializedString("date_updated");
    static final SerializableString DIRECTION = new SerializedString("direction");
    static final SerializableString ERROR_CODE = new SerializedString("error_code");
    static final SerializableString ERROR_MESSAGE = new SerializedString("error_message");
    static final SerializableString FROM = new SerializedString("from");
    static final SerializableString MESSAGING_SERVICE_SID =
        new SerializedString("messaging_service_sid");
    static final SerializableString NUM_MEDIA = new SerializedString("num_media");
    static final SerializableString NUM_SEGMENTS = new SerializedString("num_segments");
    static final SerializableString PRICE = new SerializedString("price");
    static final SerializableString PRICE_UNIT = new SerializedString("price_unit");
    static final SerializableString SID = new SerializedString("sid");
    static final SerializableString STATUS = new SerializedString("status");
    static final SerializableString SUBRESOURCE_URIS = new SerializedString("subresource_uris");
    static final SerializableString MEDIA = new SerializedString("media");
    static final SerializableString FEEDBACK = new SerializedString("feedback");
    static final SerializableString TO = new SerializedString("to");
    static final SerializableString URI = new SerializedString("uri");
  }

  /**
   * The bytes of {@code render(message).toBuffer()}, written straight from the message: the
   * body of every 201 and fetch. Building the JsonObject (a map of 21 entries) and walking it
   * again to encode it was a tenth of the accept path's CPU; this writes the same keys in the
   * same order with the same Jackson generator settings as Vert.x's codec.
   */
  public static Buffer encode(Message message) {
    String base = messagesPath(message.accountSid()) + "/" + message.sid();
    // Written straight into the response's buffer: a byte stream, its copy and the buffer's
    // copy of that were three allocations of the body for every 201.
    Buffer encoded = Buffer.buffer(ENCODED_CAPACITY);
    try (JsonGenerator json = JSON.createGenerator(new BufferOutput(encoded))) {
      json.writeStartObject();
      field(json, Names.ACCOUNT_SID, message.accountSid());
      field(json, Names.API_VERSION, API_VERSION);
      field(json, Names.BODY, message.body());
      field(json, Names.DATE_CREATED, TwilioDates.rfc2822(message.dateCreated()));
      field(json, Names.DATE_SENT, TwilioDates.rfc2822(message.dateSent()));
      field(json, Names.DATE_UPDATED, TwilioDates.rfc2822(message.dateUpdated()));
      field(json, Names.DIRECTION, message.direction());
      json.writeFieldName(Names.ERROR_CODE);
      if (message.errorCode() == null) {
        json.writeNull();
      } else {
        json.writeNumber(message.errorCode());
      }
      field(json, Names.ERROR_MESSAGE, message.errorMessage());
      field(json, Names.FROM, message.from());
      field(json, Names.MESSAGING_SERVICE_SID, message.messagingServiceSid());
      field(json, Names.NUM_MEDIA, Integer.toString(message.numMedia()));
      field(json, Names.NUM_SEGMENTS, Integer.toString(message.numSegments()));
      field(json, Names.PRICE, message.price());
      field(json, Names.PRICE_UNIT, message.priceUnit());
      field(json, Names.SID, message.sid());
      field(json, Names.STATUS, message.status().wire());
      json.writeFieldName(Names.SUBRESOURCE_URIS);
      json.writeStartObject();
      field(json, Names.MEDIA, base + "/Media.json");
      field(json, Names.FEEDBACK, base + "/Feedback.json");
      json.writeEndObject();
      field(json, Names.TO, message.to());
      field(json, Names.URI, base + ".json");
      json.writeEndObject();
    } catch (IOException e) {
      throw new EncodeException("Failed to encode message " + message.sid() + ": " + e.getMessage());
    }
    return encoded;
  }

  /** Jackson writes its own buffer out in a few large writes; each is appended as it comes. */
  private static final class BufferOutput extends OutputStream {
    private final Buffer buffer;

    BufferOutput(Buffer buffer) {
      this.buffer = buffer;
    }

    @Override
    public void write(int b) {
      buffer.appendByte((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      buffer.appendBytes(bytes, offset, length);
    }
  }

  private static void field(JsonGenerator json, SerializableString name, String value)
      throws IOException {
    json.writeFieldName(name);
    if (value == null) {
      json.writeNull();
    } else {
      json.writeString(value);
    }
  }

  public static JsonObject render(Media media) {
    return new JsonObject()
        .put("account_sid", media.accountSid())
        .put("content_type", media.contentType())
        .put("date_created", TwilioDates.rfc2822(media.dateCreated()))
        .put("date_updated", TwilioDates.rfc2822(media.dateCreated()))
        .put("parent_sid", media.parentSid())
        .put("sid", media.sid())
        .put("uri", messagesPath(media.accountSid()) + "/" + media.parentSid() + "/Media/"
            + media.sid() + ".json");
  }

  public static JsonObject render(Feedback feedback) {
    return new JsonObject()
        .put("account_sid", feedback.accountSid())
        .put("message_sid", feedback.messageSid())
        .put("outcome", feedback.outcome())
        .put("date_created", TwilioDates.rfc2822(feedback.dateCreated()))
        .put("date_updated", TwilioDates.rfc2822(feedback.dateUpdated()))
        .put("uri", messagesPath(feedback.accountSid()) + "/" + feedback.messageSid()
            + "/Feedback.json");
  }
}
