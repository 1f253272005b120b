package io.tern.carrier.smpp;

/**
 * One submit_sm of a message: its {@code short_message} (with the UDH in front when
 * {@code udh}), or the whole text as {@code message_payload}; SAR numbers when the long-message
 * method is {@code sar}.
 *
 * @param sar null unless the part travels with SAR TLVs
 */
record SmsPart(byte[] bytes, int dataCoding, boolean udh, boolean payload, Sar sar) {

  /** SAR TLV values: the reference shared by the parts, their count and this one's place (1-based). */
  record Sar(int reference, int total, int sequence) {}
}
