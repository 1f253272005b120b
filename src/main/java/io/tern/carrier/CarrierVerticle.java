package io.tern.carrier;

import io.tern.bus.Addresses;
import io.tern.bus.LocalCodec;
import io.tern.message.CarrierMessageIds;
import io.tern.message.MessageStatus;
import io.tern.message.ParsedNumber;
import io.tern.message.PhoneNumbers;
import io.tern.message.StatusChange;
import io.tern.status.StatusWrites;
import io.tern.store.CarrierIds;
import io.tern.store.CarrierOutcome;
import io.tern.store.CarrierReport;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.function.Function;

/**
 * Owns the node's carrier connection. Throttle shards submit through {@code tern.carrier.submit};
 * the answer ({@code sent} with its date, price and the carrier's ids, or {@code failed} with its
 * code) goes to the status writer, and the throttle hears back once it is written.
 *
 * <p>Delivery reports name the carrier's ids, so they are matched through the store
 * ({@link CarrierIds}) and may arrive on any pod, before the answer they follow is written, or
 * after a restart. Reports are kept in batches ({@link ReportBatches}). A report is acknowledged to the connector (its handler's future succeeds)
 * once it is kept and, when it completes its message, once that status is committed. Reports
 * that came before their ids were recorded are applied by a sweep every
 * {@link ReportKeeping#sweepMillis}, which also forgets those no id claimed within
 * {@link ReportKeeping#keep}.
 *
 * <p>Messages received from handsets go to {@link Addresses#INBOUND_RECEIVED}; the carrier
 * acknowledges them only when that reply (committed) comes back.
 */
public final class CarrierVerticle extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(CarrierVerticle.class.getName());
  /** Messages read from the store per round: owed reports at start, matched reports per sweep. */
  static final int PAGE = 500;

  private final Function<Vertx, CarrierConnector> connectorFactory;
  private final PriceTable prices;
  private final CarrierIds carrierIds;
  private final ReportKeeping keeping;
  private final Clock clock;
  private CarrierConnector connector;
  private StatusWrites statusWrites;
  private ReportBatches reports;
  private long sweepTimer = -1;
  private boolean sweeping;

  public CarrierVerticle(Function<Vertx, CarrierConnector> connectorFactory, PriceTable prices,
      CarrierIds carrierIds, ReportKeeping keeping, Clock clock) {
    this.connectorFactory = connectorFactory;
    this.prices = prices;
    this.carrierIds = carrierIds;
    this.keeping = keeping;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    statusWrites = new StatusWrites(vertx);
    reports = new ReportBatches(carrierIds);
    connector = connectorFactory.apply(vertx);
    connector.onDeliveryReport(this::deliveryReport);
    connector.onInbound(this::inbound);
    return resumeOwedReports(null)
        .compose(resumed -> connector instanceof SimulatedCarrier simulated
            ? vertx.eventBus().<InboundSms>localConsumer(Addresses.SIMULATED_INBOUND,
                request -> handset(simulated, request)).completion()
            : Future.succeededFuture())
        .compose(listening -> vertx.eventBus()
            .<CarrierRequest>localConsumer(Addresses.CARRIER_SUBMIT, this::submit).completion())
        .onSuccess(ready -> sweepTimer = vertx.setPeriodic(keeping.sweepMillis(), id -> sweep()));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweepTimer);
    return connector.close();
  }

  /** The connector this verticle runs, once started. */
  public CarrierConnector connector() {
    return connector;
  }

  // Submissions

  private void submit(Message<CarrierRequest> request) {
    OutboundSms sms = request.body().sms();
    connector.submit(sms)
        .onSuccess(result -> writeStatus(result.accepted()
                ? sent(sms, request.body().releasedAt(), result)
                : failed(sms, result))
            .onFailure(failure -> LOG.log(System.Logger.Level.ERROR,
                "The carrier's answer for " + sms.messageSid() + " was not written", failure))
            // Answered either way: the carrier has the message, so the throttle must not offer
            // it again (see Addresses.CARRIER_SUBMIT).
            .onComplete(written -> request.reply(result, LocalCodec.localOnly())))
        .onFailure(failure -> {
          LOG.log(System.Logger.Level.WARNING, "Carrier could not take " + sms.messageSid(), failure);
          request.fail(503, String.valueOf(failure.getMessage()));
        });
  }

  private StatusChange sent(OutboundSms sms, Instant releasedAt, SubmitResult result) {
    String country = PhoneNumbers.parseE164(sms.to()).map(ParsedNumber::regionCode).orElse(null);
    String price = prices.priceFor(country, sms.segments()).orElse(null);
    return StatusChange.sent(sms.messageSid(), now(), releasedAt, price, price == null ? null : prices.unit())
        .withCarrierIds(new CarrierMessageIds(connector.name(), result.carrierMessageIds()));
  }

  private StatusChange failed(OutboundSms sms, SubmitResult result) {
    return StatusChange.failed(sms.messageSid(), MessageStatus.FAILED, now(), result.errorCode(), result.errorMessage());
  }

  // Delivery reports

  private Future<Void> deliveryReport(DeliveryReport report) {
    return reports.keep(new CarrierReport(report.connection(), report.carrierMessageId(),
            report.status(), report.errorCode(), report.errorMessage(), report.doneDate(), now()))
        .compose(outcome -> outcome.map(this::apply).orElse(Future.succeededFuture()));
  }

  private Future<Void> apply(CarrierOutcome outcome) {
    return writeStatus(outcome.status() == MessageStatus.DELIVERED
        ? StatusChange.delivered(outcome.messageSid(), now(), outcome.doneDate())
        : StatusChange.undelivered(outcome.messageSid(), now(), outcome.errorCode(),
            outcome.errorMessage(), outcome.doneDate()));
  }

  /** Applies the reports whose ids were recorded after they came, and forgets stale ones. */
  private void sweep() {
    if (sweeping) {
      return;
    }
    sweeping = true;
    carrierIds.recentlyMatched(PAGE)
        .compose(sids -> carrierIds.outcomes(Set.copyOf(sids))
            .compose(outcomes -> Future.all(outcomes.values().stream().map(this::apply).toList()))
            .compose(applied -> carrierIds.markMatched(sids)))
        .compose(matched -> carrierIds.forgetReports(clock.instant().minus(keeping.keep())))
        .onFailure(failure -> LOG.log(System.Logger.Level.WARNING,
            "Matching kept delivery reports failed; retrying at the next sweep", failure))
        .onComplete(done -> sweeping = false);
  }

  /** Hands a connector whose far end forgets the reports it owes every message still sent. */
  private Future<Void> resumeOwedReports(String afterSid) {
    if (!(connector instanceof ReportsOwedAfterRestart owing)) {
      return Future.succeededFuture();
    }
    return carrierIds.awaitingReports(connector.name(), afterSid, PAGE).compose(page -> {
      owing.resumeReports(page.stream()
          .map(awaited -> new ReportsOwedAfterRestart.OwedReport(
              awaited.messageSid(), awaited.to(), awaited.carrierIds()))
          .toList());
      if (page.size() > 0) {
        LOG.log(System.Logger.Level.INFO, "Reporting " + page.size()
            + " messages the " + connector.name() + " carrier accepted before a restart");
      }
      return page.size() < PAGE
          ? Future.succeededFuture()
          : resumeOwedReports(page.get(page.size() - 1).messageSid());
    });
  }

  // Inbound

  private Future<Void> inbound(InboundSms sms) {
    return vertx.eventBus().request(Addresses.INBOUND_RECEIVED, sms, LocalCodec.localOnly()).mapEmpty();
  }

  /** A handset's message given to the simulated carrier, which hands it to {@link #inbound}. */
  private void handset(SimulatedCarrier simulated, Message<InboundSms> request) {
    simulated.receive(request.body()).onComplete(done -> {
      if (done.succeeded()) {
        request.reply(null);
      } else {
        request.fail(503, String.valueOf(done.cause().getMessage()));
      }
    });
  }

  /** Writes a status change; succeeds once it is committed (applied or not a step forward). */
  private Future<Void> writeStatus(StatusChange change) {
    return statusWrites.write(change).mapEmpty();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
