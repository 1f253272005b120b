package io.tern.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.message.DeliveryError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The simulated carrier passes the connector contract, its far end being itself. */
class SimulatedCarrierContractTest extends CarrierConnectorContractTest {

  /** The simulated "network": options and quirks for the next connection, and one shared log. */
  private static final class SimulatedFarEnd implements FarEnd {
    private final SubmissionLog log = new SubmissionLog();
    private final Map<String, SimulatedCarrier.Quirk> quirks = new ConcurrentHashMap<>();
    private final List<SimulatedCarrier> connections = new CopyOnWriteArrayList<>();
    private volatile SimulatedCarrierOptions options = SimulatedCarrierOptions.defaults()
        .withSubmitLatencyMillis(5)
        .withDeliveryReportDelayMillis(10)
        .withLog(log);
    private volatile boolean holding;

    @Override
    public int refuse(String to) {
      options = options.withOutcome(to, Outcome.failedAtSubmit(DeliveryError.MESSAGE_BLOCKED));
      return DeliveryError.MESSAGE_BLOCKED.code();
    }

    @Override
    public int reportUndelivered(String to) {
      options = options.withOutcome(to, Outcome.undelivered(DeliveryError.UNREACHABLE_HANDSET));
      return DeliveryError.UNREACHABLE_HANDSET.code();
    }

    @Override
    public void reportBeforeAnswer(String to) {
      quirks.put(to, SimulatedCarrier.Quirk.REPORT_BEFORE_ANSWER);
    }

    @Override
    public void reportTwice(String to) {
      quirks.put(to, SimulatedCarrier.Quirk.REPORT_TWICE);
    }

    @Override
    public void holdAnswers(boolean hold) {
      holding = hold;
    }

    /** The simulated carrier takes a message when it answers it: its log counts those. */
    @Override
    public int taken(String to) {
      return (int) log.submissions().stream().filter(s -> s.to().equals(to)).count();
    }

    @Override
    public Future<Void> sendInbound(String from, String to, String text) {
      SimulatedCarrier current = connections.get(connections.size() - 1);
      return current.receive(new InboundSms(current.name(), null, from, to, text, 0, null,
          List.of(), Instant.now()));
    }

    SimulatedCarrier connect(Vertx vertx) {
      SimulatedCarrier carrier = new SimulatedCarrier(vertx,
          holding ? options.withSubmitLatencyMillis(3_600_000) : options);
      quirks.forEach(carrier::script);
      connections.add(carrier);
      return carrier;
    }
  }

  @Test
  void theContractRunsOnTheSimulatedCarrier(Vertx vertx, VertxTestContext ctx) {
    CarrierConnector connector = connect(vertx, farEnd(vertx));

    assertThat(connector).isInstanceOf(SimulatedCarrier.class);
    assertThat(connector.name()).isEqualTo(CarrierConnectors.SIMULATED);
    connector.close().onComplete(ctx.succeedingThenComplete());
  }

  @Override
  protected FarEnd farEnd(Vertx vertx) {
    return new SimulatedFarEnd();
  }

  @Override
  protected CarrierConnector connect(Vertx vertx, FarEnd farEnd) {
    return ((SimulatedFarEnd) farEnd).connect(vertx);
  }
}
