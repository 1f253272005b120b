package io.tern.message.text;

/**
 * The encoding and segment count of one SMS body.
 *
 * @param encoding GSM-7 when every character is in the GSM 03.38 default alphabet or its
 *     extension table, else UCS-2 for the whole message
 * @param segments SMS parts the body is sent in; never less than 1
 * @param units septets for GSM-7 (an extension character costs 2), UTF-16 code units for UCS-2
 *     (a character outside the BMP costs 2); padding left by characters that may not be split is
 *     not counted
 */
public record Segmentation(Encoding encoding, int segments, int units) {}
