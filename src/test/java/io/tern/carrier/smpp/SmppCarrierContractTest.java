package io.tern.carrier.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.carrier.CarrierConnector;
import io.tern.carrier.CarrierConnectorContractTest;
import io.tern.carrier.smpp.TestSmsc.Script;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SMPP connector passes the connector contract against the test SMSC. Holding answers
 * leaves the submits unread (a stalled SMSC): the connector cannot tell that from a submit the
 * SMSC took and never answered, and fails both at close; the second case is the duplicate the
 * README's SMPP section promises (at least once), which {@code SmppConnectorTest} and
 * {@code SmscRestartTest} cover.
 */
class SmppCarrierContractTest extends CarrierConnectorContractTest {
  private final List<TestSmsc> smscs = new CopyOnWriteArrayList<>();
  private final List<CarrierConnector> connectors = new CopyOnWriteArrayList<>();
  /** The test's Vert.x, for {@link #ready}, which the contract calls without it. */
  private Vertx vertx;

  @BeforeEach
  void keepVertx(Vertx vertx) {
    this.vertx = vertx;
  }

  private static final class SmscFarEnd implements FarEnd {
    final TestSmsc smsc;
    final Vertx vertx;

    SmscFarEnd(Vertx vertx, TestSmsc smsc) {
      this.vertx = vertx;
      this.smsc = smsc;
    }

    @Override
    public int refuse(String to) {
      // ESME_RINVDSTADR: a bad destination, 30005 by the default table.
      smsc.script(to, Script.accept().refuse(0x0B));
      return 30005;
    }

    @Override
    public int reportUndelivered(String to) {
      smsc.script(to, Script.accept().undelivered("EXPIRED", 0));
      return 30003;
    }

    @Override
    public void reportBeforeAnswer(String to) {
      smsc.script(to, Script.accept().receiptFirst());
    }

    @Override
    public void reportTwice(String to) {
      smsc.script(to, Script.accept().copies(2));
    }

    @Override
    public void holdAnswers(boolean hold) {
      smsc.holdAnswers(hold);
    }

    /** Messages, not PDUs: a long message's later parts are not counted again. */
    @Override
    public int taken(String to) {
      String destination = to.substring(1);
      return (int) smsc.received().stream()
          .filter(r -> r.destination().equals(destination))
          .filter(r -> (r.esmClass() & 0x40) == 0 || r.shortMessage()[5] == 1)
          .count();
    }

    @Override
    public Future<Void> sendInbound(String from, String to, String text) {
      // deliver_sm blocks until Tern answers: off the event loop.
      return vertx.executeBlocking(() -> {
        smsc.deliver(from.substring(1), to.substring(1), 0, (byte) 0, text.getBytes(StandardCharsets.US_ASCII));
        return null;
      }, false);
    }
  }

  @Override
  protected FarEnd farEnd(Vertx vertx) {
    try {
      TestSmsc smsc = TestSmsc.start();
      smscs.add(smsc);
      return new SmscFarEnd(vertx, smsc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected CarrierConnector connect(Vertx vertx, FarEnd farEnd) {
    JsonObject config = new JsonObject().put("host", "127.0.0.1").put("port", ((SmscFarEnd) farEnd).smsc.port())
        .put("systemId", "tern").put("password", "secret").put("requestTimeoutMillis", 10_000)
        .put("reconnectInitialMillis", 50).put("reconnectMaxMillis", 200).put("closeTimeoutMillis", 300);
    SmppConnector connector = new SmppConnector(vertx, SmppOptions.from(config));
    connectors.add(connector);
    return connector;
  }

  @Override
  protected Future<Void> ready(CarrierConnector connector) {
    SmppConnector smpp = (SmppConnector) connector;
    Promise<Void> up = Promise.promise();
    vertx.setPeriodic(10, id -> {
      Promise<io.vertx.ext.healthchecks.Status> status = Promise.promise();
      smpp.healthCheck().handle(status);
      status.future().onSuccess(s -> {
        if (s.getData().getBoolean("reachable") && vertx.cancelTimer(id)) {
          up.complete();
        }
      });
    });
    return up.future();
  }

  @Test
  void theContractRunsOnAnSmppBindToTheTestSmsc(Vertx vertx, VertxTestContext ctx) {
    SmscFarEnd far = (SmscFarEnd) farEnd(vertx);
    CarrierConnector connector = connect(vertx, far);

    assertThat(connector).isInstanceOf(SmppConnector.class);
    ready(connector).onComplete(ctx.succeeding(up -> ctx.verify(() -> {
      assertThat(far.smsc.binds()).isGreaterThanOrEqualTo(1);
      ctx.completeNow();
    })));
  }

  @AfterEach
  void closeAll() throws Exception {
    for (CarrierConnector connector : connectors) {
      connector.close().toCompletionStage().toCompletableFuture().get(15, java.util.concurrent.TimeUnit.SECONDS);
    }
    for (TestSmsc smsc : smscs) {
      smsc.close();
    }
  }
}
