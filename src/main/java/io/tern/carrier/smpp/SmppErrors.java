package io.tern.carrier.smpp;

import io.tern.message.DeliveryError;
import java.util.Map;
import java.util.Set;

/**
 * What an SMPP answer means for a message: the SMSC's {@code command_status} on a refused
 * submit, and the {@code stat}/{@code err} of a delivery receipt, as Twilio codes. Defaults
 * follow Kannel's split of temporary and permanent errors; {@code carrier.smpp.errorMap}
 * overrides the codes.
 */
public final class SmppErrors {
  public static final int ESME_RSYSERR = 0x08;
  public static final int ESME_RBINDFAIL = 0x0D;
  public static final int ESME_RINVPASWD = 0x0E;
  public static final int ESME_RINVSYSID = 0x0F;
  public static final int ESME_RMSGQFUL = 0x14;
  public static final int ESME_RTHROTTLED = 0x58;
  public static final int ESME_RX_T_APPN = 0x64;

  /** What the connector does with a refused submit. */
  public enum Action {
    /** The SMSC asks Tern to slow down: pause the bind, then send the same message again. */
    PAUSE,
    /** A passing fault: try again after a backoff, a bounded number of times. */
    RETRY,
    /** The message cannot go: it fails with the mapped code. */
    FAIL
  }

  private static final Set<Integer> BAD_CREDENTIALS = Set.of(ESME_RBINDFAIL, ESME_RINVPASWD, ESME_RINVSYSID);

  private static final Map<Integer, DeliveryError> SUBMIT_DEFAULTS = Map.ofEntries(
      Map.entry(0x0B, DeliveryError.UNKNOWN_HANDSET),          // RINVDSTADR
      Map.entry(0x50, DeliveryError.UNKNOWN_HANDSET),          // RINVDSTTON
      Map.entry(0x51, DeliveryError.UNKNOWN_HANDSET),          // RINVDSTNPI
      Map.entry(0x65, DeliveryError.MESSAGE_FILTERED),         // RX_P_APPN
      Map.entry(0x66, DeliveryError.MESSAGE_FILTERED));        // RX_R_APPN

  // GSM MAP error codes, as most SMSCs write them in a receipt's err field.
  private static final Map<Integer, DeliveryError> RECEIPT_ERR_DEFAULTS = Map.ofEntries(
      Map.entry(1, DeliveryError.UNKNOWN_HANDSET),
      Map.entry(5, DeliveryError.UNKNOWN_HANDSET),
      Map.entry(6, DeliveryError.UNREACHABLE_HANDSET),
      Map.entry(27, DeliveryError.UNREACHABLE_HANDSET),
      Map.entry(31, DeliveryError.UNREACHABLE_HANDSET),
      Map.entry(32, DeliveryError.UNREACHABLE_HANDSET),
      Map.entry(9, DeliveryError.MESSAGE_BLOCKED),
      Map.entry(12, DeliveryError.MESSAGE_BLOCKED),
      Map.entry(13, DeliveryError.MESSAGE_BLOCKED),
      Map.entry(11, DeliveryError.LANDLINE_OR_UNREACHABLE_CARRIER),
      Map.entry(21, DeliveryError.LANDLINE_OR_UNREACHABLE_CARRIER));

  private final Map<String, Integer> overrides;

  public SmppErrors(Map<String, Integer> overrides) {
    this.overrides = Map.copyOf(overrides);
  }

  public static boolean isBadCredentials(int commandStatus) {
    return BAD_CREDENTIALS.contains(commandStatus);
  }

  public static Action actionFor(int commandStatus) {
    return switch (commandStatus) {
      case ESME_RTHROTTLED, ESME_RMSGQFUL -> Action.PAUSE;
      case ESME_RSYSERR, ESME_RX_T_APPN -> Action.RETRY;
      default -> Action.FAIL;
    };
  }

  /** The Twilio code a refused submit fails with. */
  public int submitCode(int commandStatus) {
    Integer configured = overrides.get(String.valueOf(commandStatus));
    return configured != null ? configured
        : SUBMIT_DEFAULTS.getOrDefault(commandStatus, DeliveryError.UNKNOWN_ERROR).code();
  }

  /**
   * The Twilio code of an undelivered message from its receipt: {@code err} refines UNDELIV;
   * the other final states have a code of their own.
   */
  public int receiptCode(ReceiptState state, Integer err) {
    return switch (state) {
      case EXPIRED -> DeliveryError.UNREACHABLE_HANDSET.code();
      case REJECTED -> DeliveryError.MESSAGE_FILTERED.code();
      case UNDELIVERABLE -> {
        if (err == null) {
          yield DeliveryError.UNKNOWN_ERROR.code();
        }
        Integer configured = overrides.get("err:" + err);
        yield configured != null ? configured
            : RECEIPT_ERR_DEFAULTS.getOrDefault(err, DeliveryError.UNKNOWN_ERROR).code();
      }
      default -> DeliveryError.UNKNOWN_ERROR.code();
    };
  }

  /** The fixed text Twilio gives a code; codes outside Tern's table read "Unknown error". */
  public static String messageFor(int code) {
    for (DeliveryError error : DeliveryError.values()) {
      if (error.code() == code) {
        return error.message();
      }
    }
    return DeliveryError.UNKNOWN_ERROR.message();
  }
}
