package io.tern.carrier.smpp;

import io.tern.carrier.InboundSms;
import io.tern.carrier.smpp.SmppOptions.DefaultCharset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;

/**
 * Reads what a deliver_sm carries: a delivery receipt (esm_class 0x04) or a message from a
 * handset, decoded by its data_coding, with its UDH or SAR part numbers.
 */
final class DeliverSmReader {
  private static final short SAR_MSG_REF_NUM = 0x020C;
  private static final short SAR_TOTAL_SEGMENTS = 0x020E;
  private static final short SAR_SEGMENT_SEQNUM = 0x020F;

  private final DefaultCharset charset;

  DeliverSmReader(DefaultCharset charset) {
    this.charset = charset;
  }

  static boolean isReceipt(DeliverSm pdu) {
    return (pdu.getEsmClass() & 0x3C) == 0x04;
  }

  /** The receipt, or empty when it names no id or no state. */
  Optional<Receipt> receipt(DeliverSm pdu) {
    byte[] raw = pdu.getShortMessage();
    String text = raw == null ? "" : new String(raw, StandardCharsets.ISO_8859_1);
    String tlvId = null;
    if (pdu.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID)
        instanceof OptionalParameter.OctetString id) {
      // Read as bytes: SMSCs differ on whether the C-string carries its NUL.
      tlvId = new String(id.getValue(), StandardCharsets.ISO_8859_1).replace("\0", "");
    }
    Integer tlvState = null;
    if (pdu.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE) instanceof OptionalParameter.Byte state) {
      tlvState = state.getValue() & 0xFF;
    }
    Integer networkError = null;
    OptionalParameter network = pdu.getOptionalParameter(OptionalParameter.Tag.NETWORK_ERROR_CODE);
    if (network != null) {
      byte[] value = Arrays.copyOfRange(network.serialize(), 4, network.serialize().length);
      if (value.length == 3) {
        networkError = ((value[1] & 0xFF) << 8) | (value[2] & 0xFF);
      }
    }
    return Receipt.parse(text, tlvId, tlvState, networkError);
  }

  InboundSms inbound(String connection, DeliverSm pdu, Instant receivedAt) {
    byte[] bytes = pdu.getShortMessage() == null ? new byte[0] : pdu.getShortMessage();
    if (bytes.length == 0
        && pdu.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD) instanceof OptionalParameter.OctetString payload) {
      bytes = payload.getValue();
    }
    int offset = 0;
    InboundSms.Part part = null;
    if ((pdu.getEsmClass() & 0x40) != 0 && bytes.length > 0) {
      int headerLength = bytes[0] & 0xFF;
      offset = Math.min(bytes.length, headerLength + 1);
      part = udhPart(bytes, headerLength);
    } else {
      part = sarPart(pdu);
    }
    int dataCoding = pdu.getDataCoding() & 0xFF;
    return new InboundSms(connection, null, address(pdu.getSourceAddrTon(), pdu.getSourceAddr()),
        address(pdu.getDestAddrTon(), pdu.getDestAddress()), decode(bytes, offset, dataCoding),
        dataCoding, part, List.of(), receivedAt);
  }

  private String decode(byte[] bytes, int offset, int dataCoding) {
    byte[] text = Arrays.copyOfRange(bytes, offset, bytes.length);
    return switch (dataCoding & 0x0F) {
      case 0x08 -> new String(text, StandardCharsets.UTF_16BE);
      case 0x01 -> new String(text, StandardCharsets.US_ASCII);
      case 0x03 -> new String(text, StandardCharsets.ISO_8859_1);
      case 0x00 -> switch (charset) {
        case GSM7 -> Gsm7Codec.decode(text, 0);
        case LATIN1 -> new String(text, StandardCharsets.ISO_8859_1);
        case ASCII -> new String(text, StandardCharsets.US_ASCII);
      };
      default -> new String(text, StandardCharsets.ISO_8859_1);
    };
  }

  // IEI 0x00: 8-bit reference; IEI 0x08: 16-bit reference.
  private static InboundSms.Part udhPart(byte[] bytes, int headerLength) {
    int i = 1;
    while (i + 1 <= headerLength && i + 1 < bytes.length) {
      int iei = bytes[i] & 0xFF;
      int length = bytes[i + 1] & 0xFF;
      int data = i + 2;
      if (data + length > bytes.length) {
        return null;
      }
      try {
        if (iei == 0x00 && length == 3) {
          return new InboundSms.Part(bytes[data] & 0xFF, bytes[data + 1] & 0xFF, bytes[data + 2] & 0xFF);
        }
        if (iei == 0x08 && length == 4) {
          return new InboundSms.Part(((bytes[data] & 0xFF) << 8) | (bytes[data + 1] & 0xFF),
              bytes[data + 2] & 0xFF, bytes[data + 3] & 0xFF);
        }
      } catch (IllegalArgumentException inconsistent) {
        return null;
      }
      i = data + length;
    }
    return null;
  }

  private static InboundSms.Part sarPart(DeliverSm pdu) {
    if (pdu.getOptionalParameter(SAR_MSG_REF_NUM) instanceof OptionalParameter.Short reference
        && pdu.getOptionalParameter(SAR_TOTAL_SEGMENTS) instanceof OptionalParameter.Byte total
        && pdu.getOptionalParameter(SAR_SEGMENT_SEQNUM) instanceof OptionalParameter.Byte sequence) {
      try {
        return new InboundSms.Part(reference.getValue() & 0xFFFF, total.getValue() & 0xFF, sequence.getValue() & 0xFF);
      } catch (IllegalArgumentException inconsistent) {
        return null;
      }
    }
    return null;
  }

  /**
   * E.164 back from the SMSC's form: international (TON 1) gets its '+'; a long run of digits of
   * unknown type is taken as international too; short codes and alphanumeric senders stay as
   * they are.
   */
  static String address(byte ton, String address) {
    String a = address == null ? "" : address.trim();
    if (a.startsWith("+") || a.isEmpty()) {
      return a;
    }
    boolean digits = a.chars().allMatch(Character::isDigit);
    if (digits && (ton == 1 || (ton == 0 && a.length() > 8))) {
      return "+" + a;
    }
    return a;
  }
}
