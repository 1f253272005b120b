package io.tern.carrier.smpp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
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
      ReceiptForm receipt, String stat, int err, boolean receiptBeforeAnswer, int receiptCopies) {
    static Script accept() {
      return new Script(IdForm.HEX, 0, 0, false, false, ReceiptForm.TEXT, "DELIVRD", 0, false, 1);
    }

    Script ids(IdForm form) {
      return new Script(form, refuseWith, delayMillis, neverAnswer, dropConnection, receipt, stat, err, receiptBeforeAnswer, receiptCopies);
    }

    Script refuse(int status) {
      return new Script(ids, status, delayMillis, neverAnswer, dropConnection, receipt, stat, err, receiptBeforeAnswer, receiptCopies);
    }

    Script delay(long millis) {
      return new Script(ids, refuseWith, millis, neverAnswer, dropConnection, receipt, stat, err, receiptBeforeAnswer, receiptCopies);
    }

    Script silent() {
      return new Script(ids, refuseWith, delayMillis, true, dropConnection, receipt, stat, err, receiptBeforeAnswer, receiptCopies);
    }

    Script drop() {
      return new Script(ids, refuseWith, delayMillis, neverAnswer, true, receipt, stat, err, receiptBeforeAnswer, receiptCopies);
    }

    Script receipt(ReceiptForm form) {
      return new Script(ids, refuseWith, delayMillis, neverAnswer, dropConnection, form, stat, err, receiptBeforeAnswer, receiptCopies);
    }

    Script undelivered(String stat, int err) {
      return new Script(ids, refuseWith, delayMillis, neverAnswer, dropConnection, receipt, stat, err, receiptBeforeAnswer, receiptCopies);
    }

    Script receiptFirst() {
      return new Script(ids, refuseWith, delayMillis, neverAnswer, dropConnection, receipt, stat, err, true, receiptCopies);
    }

    Script copies(int n) {
      return new Script(ids, refuseWith, delayMillis, neverAnswer, dropConnection, receipt, stat, err, receiptBeforeAnswer, n);
    }
  }

  /** How the submit answer writes an id; the receipt then writes the other form for {@code HEX_THEN_DECIMAL}. */
  enum IdForm { HEX, DECIMAL, HEX_THEN_DECIMAL }

  enum ReceiptForm { TEXT, TLV, NONE }

  /** A submit_sm as the SMSC got it. */
  record Received(String source, int sourceTon, int sourceNpi, String destination, int esmClass,
      int dataCoding, byte[] shortMessage, OptionalParameter[] tlvs, int registeredDelivery) {}

  private final int port;
  private final Map<String, Script> scripts = new ConcurrentHashMap<>();
  private volatile Script fallback = Script.accept();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
  private final AtomicLong ids = new AtomicLong(0x1c4cb075L);
  private final AtomicInteger throttleFirst = new AtomicInteger();
  private final AtomicInteger dropFirst = new AtomicInteger();
  private final AtomicInteger binds = new AtomicInteger();
  private final AtomicInteger unbinds = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile int refuseBindWith;
  private final ExecutorService receipts = Executors.newCachedThreadPool();
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

  List<Received> received() {
    return received;
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

  /** Listens again after {@link #stop()}, on the same port. */
  void listen() throws IOException {
    listener = new SMPPServerSessionListener(port, new LoopbackConnections());
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
  }

  /** Sends a message from a handset on the first bound session; throws if Tern refused it. */
  void deliver(String from, String to, int dataCoding, byte esmClass, byte[] bytes, OptionalParameter... tlvs)
      throws Exception {
    SMPPServerSession session = sessions.stream().filter(s -> s.getSessionState().isBound()).findFirst()
        .orElseThrow(() -> new IllegalStateException("no bound session"));
    session.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, from,
        TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, to, new ESMClass(esmClass), (byte) 0, (byte) 0,
        new RegisteredDelivery(0), DataCodings.newInstance((byte) dataCoding), bytes, tlvs);
  }

  @Override
  public void close() throws IOException {
    stop();
    receipts.shutdownNow();
  }

  private void acceptLoop(SMPPServerSessionListener current) {
    while (true) {
      try {
        SMPPServerSession session = current.accept();
        session.setMessageReceiverListener(new Receiver());
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

  private final class Receiver implements ServerMessageReceiverListener {
    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submit, SMPPServerSession session) throws ProcessRequestException {
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      try {
        received.add(new Received(submit.getSourceAddr(), submit.getSourceAddrTon(), submit.getSourceAddrNpi(),
            submit.getDestAddress(), submit.getEsmClass() & 0xFF, submit.getDataCoding() & 0xFF,
            submit.getShortMessage(), submit.getOptionalParameters(), submit.getRegisteredDelivery()));
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
        if (script.refuseWith != 0) {
          throw new ProcessRequestException("refused", script.refuseWith);
        }
        long number = ids.incrementAndGet();
        String answerId = script.ids == IdForm.DECIMAL ? Long.toString(number) : Long.toHexString(number);
        String receiptId = script.ids == IdForm.HEX_THEN_DECIMAL ? Long.toString(number) : answerId;
        if (script.receipt != ReceiptForm.NONE) {
          Runnable send = () -> {
            for (int i = 0; i < script.receiptCopies; i++) {
              sendReceipt(session, submit, script, receiptId);
            }
          };
          if (script.receiptBeforeAnswer) {
            send.run();
          } else {
            receipts.execute(() -> {
              sleep(20);
              send.run();
            });
          }
        }
        return new SubmitSmResult(new MessageId(answerId), new OptionalParameter[0]);
      } catch (org.jsmpp.PDUStringException e) {
        throw new ProcessRequestException("bad id", 0x08);
      } finally {
        inFlight.decrementAndGet();
      }
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

  private void sendReceipt(SMPPServerSession session, SubmitSm submit, Script script, String id) {
    try {
      byte[] text = script.receipt == ReceiptForm.TEXT
          ? String.format("id:%s sub:001 dlvrd:%s submit date:2612061200 done date:2612061201 stat:%s err:%03d text:",
              id, script.stat.equals("DELIVRD") ? "001" : "000", script.stat, script.err).getBytes(StandardCharsets.US_ASCII)
          : new byte[0];
      OptionalParameter[] tlvs = script.receipt == ReceiptForm.TLV
          ? new OptionalParameter[] {
              new OptionalParameter.OctetString(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID.code(), id),
              new OptionalParameter.Byte(OptionalParameter.Tag.MESSAGE_STATE, (byte) ReceiptState.ofStat(script.stat).tlvValue())}
          : new OptionalParameter[0];
      session.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, submit.getDestAddress(),
          TypeOfNumber.valueOf(submit.getSourceAddrTon()), NumberingPlanIndicator.valueOf(submit.getSourceAddrNpi()),
          submit.getSourceAddr(), new ESMClass(0x04), (byte) 0, (byte) 0, new RegisteredDelivery(0),
          DataCodings.ZERO, text, tlvs);
    } catch (Exception refusedOrLost) {
      // The connector answered with an error or the link went: a real SMSC would retry later.
    }
  }

  /** Listens on loopback only, answering without Nagle's delay as a real SMSC would. */
  private static final class LoopbackConnections implements org.jsmpp.session.connection.ServerConnectionFactory {
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
          return new org.jsmpp.session.connection.socket.SocketConnection(socket);
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

  private static void sleep(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
