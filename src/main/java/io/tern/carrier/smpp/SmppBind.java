package io.tern.carrier.smpp;

import java.util.List;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameters;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.SessionStateListener;

/**
 * One SMPP session and the state the connector keeps of it. Its blocking calls ({@link #open},
 * {@link #send}, {@link #unbind}) run on the connector's worker pool only; its fields are read
 * and written on the connector's context only.
 */
final class SmppBind {
  enum State { DOWN, BINDING, UP, REFUSED, CLOSED }

  final int index;
  final BindType type;
  State state = State.DOWN;
  SMPPSession session;
  int inFlight;
  long pausedUntilNanos;
  long backoffMillis;
  String lastError;

  SmppBind(int index, BindType type) {
    this.index = index;
    this.type = type;
  }

  boolean transmits() {
    return type != BindType.BIND_RX;
  }

  /** Connects and binds; throws the SMSC's refusal as a {@link NegativeResponseException}. */
  static SMPPSession open(SmppOptions options, BindType type, MessageReceiverListener receiver,
      SessionStateListener states) throws Exception {
    // Small PDUs, each awaited: without TCP_NODELAY, Nagle and delayed ACKs add ~40 ms to each.
    SMPPSession session = new SMPPSession((host, port) -> {
      java.net.Socket socket = new java.net.Socket(host, port);
      socket.setTcpNoDelay(true);
      return new org.jsmpp.session.connection.socket.SocketConnection(socket);
    });
    session.setEnquireLinkTimer(options.enquireLinkSeconds() * 1000);
    session.setTransactionTimer(options.requestTimeoutMillis());
    if (type != BindType.BIND_TX) {
      session.setMessageReceiverListener(receiver);
    }
    try {
      session.connectAndBind(options.host(), options.port(), new BindParameter(type,
          options.systemId(), options.password(), options.systemType(), TypeOfNumber.UNKNOWN,
          NumberingPlanIndicator.UNKNOWN, null), options.requestTimeoutMillis());
    } catch (Exception refusedOrUnreachable) {
      session.close();
      throw refusedOrUnreachable;
    }
    session.addSessionStateListener(states);
    return session;
  }

  /**
   * Sends the parts from {@code from} on; returns at the first one not accepted. Blocks until
   * each answer or the request timeout.
   */
  static SendOutcome send(SMPPSession session, Addressing addressing, List<SmsPart> parts, int from) {
    String[] ids = new String[parts.size() - from];
    for (int i = from; i < parts.size(); i++) {
      SmsPart part = parts.get(i);
      long started = System.nanoTime();
      try {
        OptionalParameter[] tlvs = tlvs(part);
        String id = session.submitShortMessage("",
            TypeOfNumber.valueOf((byte) addressing.sourceTon()),
            NumberingPlanIndicator.valueOf((byte) addressing.sourceNpi()), addressing.source(),
            TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, addressing.destination(),
            new ESMClass(part.udh() ? 0x40 : 0), (byte) 0, (byte) 0, null, null,
            new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0,
            DataCodings.newInstance((byte) part.dataCoding()), (byte) 0,
            part.payload() ? new byte[0] : part.bytes(), tlvs).getMessageId();
        ids[i - from] = id;
      } catch (org.jsmpp.GenericNackResponseException nacked) {
        // A generic_nack naming this submit's sequence number: a refusal with its status.
        return SendOutcome.refused(firstN(ids, i - from), nacked.getCommandStatus(), System.nanoTime() - started);
      } catch (NegativeResponseException refused) {
        return SendOutcome.refused(firstN(ids, i - from), refused.getCommandStatus(), System.nanoTime() - started);
      } catch (ResponseTimeoutException unanswered) {
        return SendOutcome.unanswered(firstN(ids, i - from), "no submit_sm_resp in time");
      } catch (org.jsmpp.PDUException | org.jsmpp.InvalidResponseException malformed) {
        return SendOutcome.malformed(firstN(ids, i - from), String.valueOf(malformed.getMessage()));
      } catch (Exception linkLost) {
        return SendOutcome.unanswered(firstN(ids, i - from), String.valueOf(linkLost.getMessage()));
      }
    }
    return SendOutcome.accepted(List.of(ids));
  }

  private static List<String> firstN(String[] ids, int n) {
    return List.copyOf(java.util.Arrays.asList(ids).subList(0, n));
  }

  private static OptionalParameter[] tlvs(SmsPart part) {
    if (part.payload()) {
      return new OptionalParameter[] {
          new OptionalParameter.OctetString(OptionalParameter.Tag.MESSAGE_PAYLOAD.code(), part.bytes())};
    }
    if (part.sar() != null) {
      return new OptionalParameter[] {
          OptionalParameters.newSarMsgRefNum(part.sar().reference()),
          OptionalParameters.newSarTotalSegments(part.sar().total()),
          OptionalParameters.newSarSegmentSeqnum(part.sar().sequence())};
    }
    return new OptionalParameter[0];
  }

  /** Where a message goes from and to, in SMPP's terms. */
  record Addressing(String source, int sourceTon, int sourceNpi, String destination) {}

  /**
   * What became of a message's remaining parts on one bind.
   *
   * @param acceptedIds ids of the parts accepted this time, in order
   * @param commandStatus the refusal's status, when {@code kind} is REFUSED
   */
  record SendOutcome(Kind kind, List<String> acceptedIds, int commandStatus, String detail, long refusalNanos) {
    enum Kind { ACCEPTED, REFUSED, UNANSWERED, MALFORMED }

    static SendOutcome accepted(List<String> ids) {
      return new SendOutcome(Kind.ACCEPTED, ids, 0, null, 0);
    }

    static SendOutcome refused(List<String> ids, int status, long nanos) {
      return new SendOutcome(Kind.REFUSED, ids, status, null, nanos);
    }

    static SendOutcome unanswered(List<String> ids, String detail) {
      return new SendOutcome(Kind.UNANSWERED, ids, 0, detail, 0);
    }

    static SendOutcome malformed(List<String> ids, String detail) {
      return new SendOutcome(Kind.MALFORMED, ids, 0, detail, 0);
    }
  }
}
