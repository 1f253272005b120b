package io.tern.carrier.smpp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.PDUSender;
import org.jsmpp.SynchronizedPDUSender;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.ServerResponseDeliveryAdapter;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;

/**
 * An SMSC in the test's JVM, on jSMPP's server side, listening on loopback. What it does with
 * a submit depends on the destination, like the simulated carrier: see {@link Script}.
 */
final class TestSmsc implements AutoCloseable {
  /** How the SMSC treats submits to one destination. */
  record Script(IdForm ids, int refuseWith, long delayMillis, boolean neverAnswer, boolean dropConnection,
      ReceiptForm receipt, String stat, int err, boolean receiptBeforeAnswer, int receiptCopies, int nackWith) {
    static Script accept() {
      return new Script(IdForm.HEX, 0, 0, false, false, ReceiptForm.TEXT, "DELIVRD", 0, false, 1, 0);
    }

    Script ids(IdForm form) {
      return new Script(form, refuseWith, delayMillis, neverAnswer, dropConnection, receipt, stat, err, receiptBeforeAnswer, receiptCopies, nackWith);
    }

    Script refuse(int status) {
      return new Script(ids, status, delayMillis, neverAnswer, dropConnection, receipt, stat, err, receiptBeforeAnswer, receiptCopies, nackWith);
    }

    Script delay(long millis) {
      return new Script(ids, refuseWith, millis, neverAnswer, dropConnection, receipt, stat, err, receiptBeforeAnswer, receiptCopies, nackWith);
    }

    Script silent() {
      return new Script(ids, refuseWith, delayMillis, true, dropConnection, receipt, stat, err, receiptBeforeAnswer, receiptCopies, nackWith);
    }

    Script drop() {
      return new Script(ids, refuseWith, delayMillis, neverAnswer, true, receipt, stat, err, receiptBeforeAnswer, receiptCopies, nackWith);
    }

    Script receipt(ReceiptForm form) {
      return new Script(ids, refuseWith, delayMillis, neverAnswer, dropConnection, form, stat, err, receiptBeforeAnswer, receiptCopies, nackWith);
    }

    Script undelivered(String stat, int err) {
      return new Script(ids, refuseWith, delayMillis, neverAnswer, dropConnection, receipt, stat, err, receiptBeforeAnswer, receiptCopies, nackWith);
    }

    Script receiptFirst() {
      return new Script(ids, refuseWith, delayMillis, neverAnswer, dropConnection, receipt, stat, err, true, receiptCopies, nackWith);
    }

    Script copies(int n) {
      return new Script(ids, refuseWith, delayMillis, neverAnswer, dropConnection, receipt, stat, err, receiptBeforeAnswer, n, nackWith);
    }

    /** The submit is answered with a generic_nack of this status naming its sequence number. */
    Script nack(int status) {
      return new Script(ids, refuseWith, delayMillis, neverAnswer, dropConnection, receipt, stat, err, receiptBeforeAnswer, receiptCopies, status);
    }
  }

  /** How the submit answer writes an id; the receipt then writes the other form for {@code HEX_THEN_DECIMAL}. */
  enum IdForm { HEX, DECIMAL, HEX_THEN_DECIMAL }

  enum ReceiptForm { TEXT, TLV, NONE }

  /** Which bind a receipt goes to: the one that submitted (while it is up), or another one. */
  enum Route { SAME, OTHER }

  /**
   * A submit_sm as the SMSC got it, on which session, when by the SMSC's own clock, and whether
   * its submit_sm_resp was written (set once jSMPP has sent it).
   */
  record Received(String source, int sourceTon, int sourceNpi, String destination, int esmClass,
      int dataCoding, byte[] shortMessage, OptionalParameter[] tlvs, int registeredDelivery,
      String sessionId, long atNanos, AtomicBoolean answer) {
    String text() {
      return new String(shortMessage, StandardCharsets.ISO_8859_1);
    }

    boolean answered() {
      return answer.get();
    }
  }

  /** A deliver_sm Tern acknowledged: which session took it, and whether it was a receipt. */
  record Delivered(String sessionId, String origin, boolean receipt) {}

  /** A PDU header as Tern sent it to the SMSC. */
  record Pdu(int commandId, int commandStatus, int sequenceNumber) {}

  static final int GENERIC_NACK = 0x80000000;
  /** A command_id SMPP 3.4 does not define. */
  static final int UNKNOWN_COMMAND = 0x00000077;

  private final int port;
  private final Map<String, Script> scripts = new ConcurrentHashMap<>();
  private volatile Script fallback = Script.accept();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  /** Submits answered and not yet written, by their answer (compared by identity). */
  private final Map<SubmitSmResult, Received> answering = new ConcurrentHashMap<>();
  private final List<Delivered> delivered = new CopyOnWriteArrayList<>();
  private final List<Pdu> fromTern = new CopyOnWriteArrayList<>();
  private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
  private final Map<SMPPServerSession, OutputStream> outputs = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(0x1c4cb075L);
  private final AtomicInteger throttleFirst = new AtomicInteger();
  private final AtomicInteger dropFirst = new AtomicInteger();
  private final AtomicInteger binds = new AtomicInteger();
  private final AtomicInteger unbinds = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger refusedDeliveries = new AtomicInteger();
  private final AtomicInteger abandoned = new AtomicInteger();
  private final AtomicInteger owed = new AtomicInteger();
  private volatile int refuseBindWith;
  private volatile boolean holdAnswers;
  private volatile boolean holdReceipts;
  private volatile Route route = Route.SAME;
  private volatile int maxRefusals = 10;
  private volatile long redeliverMillis = 100;
  private final PDUSender pduSender = new SynchronizedPDUSender(new DefaultPDUSender());
  private final ScheduledExecutorService receipts = Executors.newScheduledThreadPool(4);
  private final LoopbackConnections connections = new LoopbackConnections();
  private volatile SMPPServerSessionListener listener;
  private volatile Thread acceptor;

  private TestSmsc(int port) throws IOException {
    this.port = port;
  }

  /** Starts on a free loopback port. */
  static TestSmsc start() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    TestSmsc smsc = new TestSmsc(port);
    smsc.listen();
    return smsc;
  }

  int port() {
    return port;
  }

  TestSmsc script(String destination, Script script) {
    scripts.put(destination.startsWith("+") ? destination.substring(1) : destination, script);
    return this;
  }

  TestSmsc otherwise(Script script) {
    fallback = script;
    return this;
  }

  /** The next {@code k} submits are refused with ESME_RTHROTTLED, whatever their destination. */
  TestSmsc throttleFirst(int k) {
    throttleFirst.set(k);
    return this;
  }

  /** The next {@code k} submits are read, then the connection drops without an answer. */
  TestSmsc dropFirst(int k) {
    dropFirst.set(k);
    return this;
  }

  TestSmsc refuseBinds(int status) {
    refuseBindWith = status;
    return this;
  }

  /**
   * While on, sessions bound from now on leave every submit unread: the SMSC neither takes nor
   * answers it. A submit held when its session closes was never taken, as by a stalled SMSC.
   */
  TestSmsc holdAnswers(boolean hold) {
    holdAnswers = hold;
    return this;
  }

  /** While on, receipts are kept, not sent; they go (to whichever bind is up) once it is off. */
  TestSmsc holdReceipts(boolean hold) {
    holdReceipts = hold;
    return this;
  }

  TestSmsc receiptsTo(Route route) {
    this.route = route;
    return this;
  }

  /** How many times a refused deliver_sm is sent again, and after how long. */
  TestSmsc redeliver(int maxRefusals, long afterMillis) {
    this.maxRefusals = maxRefusals;
    this.redeliverMillis = afterMillis;
    return this;
  }

  List<Received> received() {
    return received;
  }

  /** Submits to {@code destination} (with or without its '+') the SMSC took. */
  long taken(String destination) {
    String to = destination.startsWith("+") ? destination.substring(1) : destination;
    return received.stream().filter(r -> r.destination().equals(to)).count();
  }

  List<Delivered> delivered() {
    return delivered;
  }

  /** The PDUs Tern sent, header only, in the order the SMSC read them. */
  List<Pdu> fromTern() {
    return fromTern;
  }

  /** deliver_sm answered with an error status, each counted once per refusal. */
  int refusedDeliveries() {
    return refusedDeliveries.get();
  }

  /** Receipts and messages still owed to Tern (held, waiting for a bind, or between attempts). */
  int owed() {
    return owed.get();
  }

  /** Receipts and messages given up after {@code maxRefusals} refusals. */
  int abandoned() {
    return abandoned.get();
  }

  int binds() {
    return binds.get();
  }

  int unbinds() {
    return unbinds.get();
  }

  int maxInFlight() {
    return maxInFlight.get();
  }

  /** Listens again after {@link #stop()}, on the same port; owed receipts are still owed. */
  void listen() throws IOException {
    listener = new SMPPServerSessionListener(port, connections);
    // Enough threads per session that a delayed answer holds no other submit back.
    listener.setPduProcessorDegree(32);
    listener.setQueueCapacity(10_000);
    SMPPServerSessionListener current = listener;
    acceptor = new Thread(() -> acceptLoop(current), "test-smsc-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Drops every connection and stops listening, as a crashed SMSC would. */
  void stop() throws IOException {
    listener.close();
    for (SMPPServerSession session : sessions) {
      session.close();
    }
    sessions.clear();
    outputs.clear();
  }

  /**
   * Sends a message from a handset on a bound session and waits for Tern's answer; throws if
   * Tern refused it, and then delivers it again later as an SMSC does (up to {@code maxRefusals}).
   */
  void deliver(String from, String to, int dataCoding, byte esmClass, byte[] bytes, OptionalParameter... tlvs)
      throws Exception {
    Deliverer pdu = session -> session.deliverShortMessage("", TypeOfNumber.INTERNATIONAL,
        NumberingPlanIndicator.ISDN, from, TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, to,
        new ESMClass(esmClass), (byte) 0, (byte) 0, new RegisteredDelivery(0),
        DataCodings.newInstance((byte) dataCoding), bytes, tlvs);
    SMPPServerSession session = boundSessions().stream().findFirst()
        .orElseThrow(() -> new IllegalStateException("no bound session"));
    attemptNow(new Owed(pdu, null, false), session);
  }

  /** Sends a PDU with a command_id SMPP does not define on a bound session; returns its sequence number. */
  int sendUnknownPdu() throws IOException {
    SMPPServerSession session = boundSessions().stream().findFirst()
        .orElseThrow(() -> new IllegalStateException("no bound session"));
    OutputStream out = outputs.get(session);
    int sequence = 0x7FFF0000 + ThreadLocalRandom.current().nextInt(0xFFFF);
    byte[] pdu = java.nio.ByteBuffer.allocate(16).putInt(16).putInt(UNKNOWN_COMMAND).putInt(0).putInt(sequence).array();
    // jSMPP's sender writes a PDU holding the stream's monitor; so does this.
    synchronized (out) {
      out.write(pdu);
      out.flush();
    }
    return sequence;
  }

  @Override
  public void close() throws IOException {
    stop();
    receipts.shutdownNow();
  }

  private List<SMPPServerSession> boundSessions() {
    return sessions.stream().filter(s -> s.getSessionState().isReceivable()).toList();
  }

  private void acceptLoop(SMPPServerSessionListener current) {
    while (true) {
      try {
        SMPPServerSession session = current.accept();
        // The listener accepted the connection on this thread, just now.
        outputs.put(session, connections.lastOut);
        session.setMessageReceiverListener(new Receiver(holdAnswers));
        session.setResponseDeliveryListener(new ServerResponseDeliveryAdapter() {
          @Override
          public void onSubmitSmRespSent(SubmitSmResult answer, SMPPServerSession source) {
            Received answered = answering.remove(answer);
            if (answered != null) {
              answered.answer().set(true);
            }
          }

          @Override
          public void onSubmitSmRespError(SubmitSmResult answer, Exception lost, SMPPServerSession source) {
            answering.remove(answer);
          }
        });
        session.addSessionStateListener((now, before, source) -> {
          if (before.isBound() && !now.isBound() && now.isNotClosed()) {
            unbinds.incrementAndGet();
          }
        });
        sessions.add(session);
        receipts.execute(() -> {
          try {
            BindRequest request = session.waitForBind(5_000);
            if (refuseBindWith != 0) {
              request.reject(refuseBindWith);
            } else {
              binds.incrementAndGet();
              request.accept("test-smsc");
            }
          } catch (Exception e) {
            session.close();
          }
        });
      } catch (IOException closed) {
        return;
      }
    }
  }

  // ---- what the SMSC owes Tern: receipts and handsets' messages, sent until acknowledged ----

  private interface Deliverer {
    void deliver(SMPPServerSession session) throws Exception;
  }

  /** One deliver_sm owed, the session of the submit it reports (null for a handset's message). */
  private static final class Owed {
    final Deliverer pdu;
    final SMPPServerSession origin;
    final boolean receipt;
    int refusals;

    Owed(Deliverer pdu, SMPPServerSession origin, boolean receipt) {
      this.pdu = pdu;
      this.origin = origin;
      this.receipt = receipt;
    }
  }

  private void owe(Owed owed, long afterMillis) {
    this.owed.incrementAndGet();
    try {
      receipts.schedule(() -> {
        this.owed.decrementAndGet();
        attempt(owed);
      }, afterMillis, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      this.owed.decrementAndGet();
    }
  }

  /** Sends it on a session its route allows; one not acknowledged goes again later. */
  private void attempt(Owed owed) {
    SMPPServerSession target = holdReceipts && owed.receipt ? null : choose(owed);
    if (target == null) {
      owe(owed, redeliverMillis);
      return;
    }
    try {
      attemptNow(owed, target);
    } catch (Exception refusedOrLost) {
      // Counted and sent again by attemptNow when refused; a lost link is retried below.
      if (!(refusedOrLost instanceof NegativeResponseException)) {
        owe(owed, redeliverMillis);
      }
    }
  }

  private void attemptNow(Owed owed, SMPPServerSession session) throws Exception {
    try {
      owed.pdu.deliver(session);
      delivered.add(new Delivered(session.getSessionId(),
          owed.origin == null ? null : owed.origin.getSessionId(), owed.receipt));
    } catch (NegativeResponseException refused) {
      refusedDeliveries.incrementAndGet();
      if (++owed.refusals < maxRefusals) {
        owe(owed, redeliverMillis);
      } else {
        abandoned.incrementAndGet();
      }
      throw refused;
    }
  }

  private SMPPServerSession choose(Owed owed) {
    List<SMPPServerSession> bound = boundSessions();
    if (owed.origin == null) {
      return bound.isEmpty() ? null : bound.get(0);
    }
    if (route == Route.OTHER) {
      return bound.stream().filter(s -> s != owed.origin).findFirst().orElse(null);
    }
    return bound.contains(owed.origin) ? owed.origin : bound.isEmpty() ? null : bound.get(0);
  }

  private final class Receiver implements ServerMessageReceiverListener {
    private final boolean held;

    Receiver(boolean held) {
      this.held = held;
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submit, SMPPServerSession session) throws ProcessRequestException {
      if (held) {
        while (session.getSessionState().isBound()) {
          sleep(10);
        }
        throw new ProcessRequestException("never taken", 0x08);
      }
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      try {
        Received got = new Received(submit.getSourceAddr(), submit.getSourceAddrTon(), submit.getSourceAddrNpi(),
            submit.getDestAddress(), submit.getEsmClass() & 0xFF, submit.getDataCoding() & 0xFF,
            submit.getShortMessage(), submit.getOptionalParameters(), submit.getRegisteredDelivery(),
            session.getSessionId(), System.nanoTime(), new AtomicBoolean());
        received.add(got);
        if (throttleFirst.getAndUpdate(k -> Math.max(0, k - 1)) > 0) {
          throw new ProcessRequestException("throttled", 0x58);
        }
        Script script = scripts.getOrDefault(submit.getDestAddress(), fallback);
        if (script.delayMillis > 0) {
          sleep(script.delayMillis);
        }
        if (script.dropConnection || dropFirst.getAndUpdate(k -> Math.max(0, k - 1)) > 0) {
          session.close();
          sleep(100);
          throw new ProcessRequestException("dropped", 0x08);
        }
        if (script.neverAnswer) {
          sleep(60_000);
        }
        if (script.nackWith != 0) {
          nack(session, script.nackWith, submit.getSequenceNumber());
        }
        if (script.refuseWith != 0) {
          throw new ProcessRequestException("refused", script.refuseWith);
        }
        long number = ids.incrementAndGet();
        String answerId = script.ids == IdForm.DECIMAL ? Long.toString(number) : Long.toHexString(number);
        String receiptId = script.ids == IdForm.HEX_THEN_DECIMAL ? Long.toString(number) : answerId;
        if (script.receipt != ReceiptForm.NONE) {
          for (int i = 0; i < script.receiptCopies; i++) {
            Owed receipt = new Owed(receiptFor(submit, script, receiptId), session, true);
            if (script.receiptBeforeAnswer) {
              try {
                attemptNow(receipt, session);
              } catch (Exception refusedOrLost) {
                // Refused: owed again by attemptNow; the answer goes anyway.
              }
            } else {
              owe(receipt, 20);
            }
          }
        }
        SubmitSmResult answer = new SubmitSmResult(new MessageId(answerId), new OptionalParameter[0]);
        answering.put(answer, got);
        return answer;
      } catch (org.jsmpp.PDUStringException e) {
        throw new ProcessRequestException("bad id", 0x08);
      } finally {
        inFlight.decrementAndGet();
      }
    }

    /** A generic_nack naming the submit; jSMPP's own submit_sm_resp then finds no request waiting. */
    private void nack(SMPPServerSession session, int status, int sequence) throws ProcessRequestException {
      try {
        pduSender.sendGenericNack(outputs.get(session), status, sequence);
      } catch (IOException lost) {
        throw new ProcessRequestException("lost", 0x08);
      }
      throw new ProcessRequestException("nacked", status);
    }

    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source) throws ProcessRequestException {
      throw new ProcessRequestException("unsupported", 0x03);
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
      throw new ProcessRequestException("unsupported", 0x03);
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
      throw new ProcessRequestException("unsupported", 0x03);
    }

    @Override
    public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
      throw new ProcessRequestException("unsupported", 0x03);
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source) throws ProcessRequestException {
      throw new ProcessRequestException("unsupported", 0x03);
    }

    @Override
    public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source) throws ProcessRequestException {
      throw new ProcessRequestException("unsupported", 0x03);
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm, SMPPServerSession source) throws ProcessRequestException {
      throw new ProcessRequestException("unsupported", 0x03);
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
      throw new ProcessRequestException("unsupported", 0x03);
    }
  }

  private static Deliverer receiptFor(SubmitSm submit, Script script, String id) {
    byte[] text = script.receipt == ReceiptForm.TEXT
        ? String.format("id:%s sub:001 dlvrd:%s submit date:2612061200 done date:2612061201 stat:%s err:%03d text:",
            id, script.stat.equals("DELIVRD") ? "001" : "000", script.stat, script.err).getBytes(StandardCharsets.US_ASCII)
        : new byte[0];
    OptionalParameter[] tlvs = script.receipt == ReceiptForm.TLV
        ? new OptionalParameter[] {
            new OptionalParameter.OctetString(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID.code(), id),
            new OptionalParameter.Byte(OptionalParameter.Tag.MESSAGE_STATE, (byte) ReceiptState.ofStat(script.stat).tlvValue())}
        : new OptionalParameter[0];
    return session -> session.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
        submit.getDestAddress(), TypeOfNumber.valueOf(submit.getSourceAddrTon()),
        NumberingPlanIndicator.valueOf(submit.getSourceAddrNpi()), submit.getSourceAddr(), new ESMClass(0x04),
        (byte) 0, (byte) 0, new RegisteredDelivery(0), DataCodings.ZERO, text, tlvs);
  }

  /**
   * Listens on loopback only, answering without Nagle's delay as a real SMSC would, and reads
   * the header of every PDU Tern sends on the way in.
   */
  private final class LoopbackConnections implements org.jsmpp.session.connection.ServerConnectionFactory {
    /** The output of the connection accepted last (read by the accepting thread right after). */
    volatile OutputStream lastOut;

    @Override
    public org.jsmpp.session.connection.ServerConnection listen(int port) throws IOException {
      return listen(port, 0, 50);
    }

    @Override
    public org.jsmpp.session.connection.ServerConnection listen(int port, int timeout) throws IOException {
      return listen(port, timeout, 50);
    }

    @Override
    public org.jsmpp.session.connection.ServerConnection listen(int port, int timeout, int backlog) throws IOException {
      ServerSocket server = new ServerSocket(port, backlog, InetAddress.getLoopbackAddress());
      server.setSoTimeout(timeout);
      return new org.jsmpp.session.connection.ServerConnection() {
        @Override
        public org.jsmpp.session.connection.Connection accept() throws IOException {
          java.net.Socket socket = server.accept();
          socket.setTcpNoDelay(true);
          SocketConnection plain = new SocketConnection(socket);
          InputStream sniffed = new PduHeaders(plain.getInputStream(), fromTern::add);
          lastOut = plain.getOutputStream();
          return new SniffedConnection(plain, sniffed);
        }

        @Override
        public void setSoTimeout(int millis) throws IOException {
          server.setSoTimeout(millis);
        }

        @Override
        public int getSoTimeout() throws IOException {
          return server.getSoTimeout();
        }

        @Override
        public void close() throws IOException {
          server.close();
        }
      };
    }
  }

  /** A socket connection whose input is read through {@link PduHeaders}. */
  private record SniffedConnection(SocketConnection plain, InputStream in)
      implements org.jsmpp.session.connection.Connection {
    @Override
    public void setSoTimeout(int timeout) throws IOException {
      plain.setSoTimeout(timeout);
    }

    @Override
    public void close() {
      plain.close();
    }

    @Override
    public boolean isOpen() {
      return plain.isOpen();
    }

    @Override
    public InputStream getInputStream() {
      return in;
    }

    @Override
    public OutputStream getOutputStream() {
      return plain.getOutputStream();
    }

    @Override
    public InetAddress getInetAddress() {
      return plain.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
      return plain.getLocalAddress();
    }

    @Override
    public int getPort() {
      return plain.getPort();
    }

    @Override
    public int getLocalPort() {
      return plain.getLocalPort();
    }
  }

  /** Passes bytes through and reports each PDU's 16-octet header as it goes by. */
  private static final class PduHeaders extends java.io.FilterInputStream {
    private final java.util.function.Consumer<Pdu> headers;
    private final byte[] header = new byte[16];
    private int headerFill;
    private long bodyLeft;

    PduHeaders(InputStream in, java.util.function.Consumer<Pdu> headers) {
      super(in);
      this.headers = headers;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        see(b);
      }
      return b;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      int n = super.read(bytes, offset, length);
      for (int i = 0; i < n; i++) {
        see(bytes[offset + i] & 0xFF);
      }
      return n;
    }

    private void see(int b) {
      if (bodyLeft > 0) {
        bodyLeft--;
        return;
      }
      header[headerFill++] = (byte) b;
      if (headerFill == 16) {
        java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(header);
        int length = h.getInt();
        headers.accept(new Pdu(h.getInt(), h.getInt(), h.getInt()));
        bodyLeft = Math.max(0, length - 16);
        headerFill = 0;
      }
    }
  }

  private static void sleep(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
