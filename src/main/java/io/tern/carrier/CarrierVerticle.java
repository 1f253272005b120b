package io.tern.carrier;

import io.tern.bus.Addresses;
import io.tern.bus.LocalCodec;
import io.tern.message.MessageStatus;
import io.tern.message.StatusChange;
import io.tern.message.ParsedNumber;
import io.tern.message.PhoneNumbers;
import io.tern.status.StatusWrites;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Owns the node's carrier connection. Throttle shards submit through {@code tern.carrier.submit};
 * the answer ({@code sent} with its date and price, or {@code failed} with its code) and later
 * delivery reports go to the status writer, so every status the carrier gives reaches the store.
 */
public final class CarrierVerticle extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(CarrierVerticle.class.getName());

  private final Function<Vertx, CarrierConnector> connectorFactory;
  private final PriceTable prices;
  private final Clock clock;
  private CarrierConnector connector;
  private StatusWrites statusWrites;
  // Until reports are matched through the store: the sid of each carrier id this node was given.
  private final Map<String, String> sidsByCarrierId = new HashMap<>();

  public CarrierVerticle(Function<Vertx, CarrierConnector> connectorFactory, PriceTable prices, Clock clock) {
    this.connectorFactory = connectorFactory;
    this.prices = prices;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    statusWrites = new StatusWrites(vertx);
    connector = connectorFactory.apply(vertx);
    connector.onDeliveryReport(this::recordDeliveryReport);
    connector.onInbound(sms -> Future.succeededFuture());
    return vertx.eventBus().<CarrierRequest>localConsumer(Addresses.CARRIER_SUBMIT, this::submit)
        .completion();
  }

  @Override
  public Future<?> stop() {
    return connector.close();
  }

  private void submit(Message<CarrierRequest> request) {
    OutboundSms sms = request.body().sms();
    connector.submit(sms)
        .onSuccess(result -> {
          result.carrierMessageIds().forEach(id -> sidsByCarrierId.put(id, sms.messageSid()));
          writeStatus(result.accepted() ? sent(sms, request.body().releasedAt()) : failed(sms, result));
          request.reply(result, LocalCodec.localOnly());
        })
        .onFailure(failure -> {
          LOG.log(System.Logger.Level.WARNING, "Carrier could not take " + sms.messageSid(), failure);
          request.fail(503, String.valueOf(failure.getMessage()));
        });
  }

  private StatusChange sent(OutboundSms sms, Instant releasedAt) {
    String country = PhoneNumbers.parseE164(sms.to()).map(ParsedNumber::regionCode).orElse(null);
    String price = prices.priceFor(country, sms.segments()).orElse(null);
    return StatusChange.sent(sms.messageSid(), now(), releasedAt, price, price == null ? null : prices.unit());
  }

  private StatusChange failed(OutboundSms sms, SubmitResult result) {
    return StatusChange.failed(sms.messageSid(), MessageStatus.FAILED, now(), result.errorCode(), result.errorMessage());
  }

  private Future<Void> recordDeliveryReport(DeliveryReport report) {
    String sid = sidsByCarrierId.remove(report.carrierMessageId());
    if (sid == null) {
      return Future.succeededFuture();
    }
    writeStatus(report.status() == MessageStatus.DELIVERED
        ? StatusChange.delivered(sid, now(), report.doneDate())
        : StatusChange.undelivered(sid, now(), report.errorCode(),
            report.errorMessage(), report.doneDate()));
    return Future.succeededFuture();
  }

  private void writeStatus(StatusChange change) {
    statusWrites.write(change).onFailure(failure -> LOG.log(System.Logger.Level.ERROR,
        "The carrier's " + change.status().wire() + " for " + change.sid() + " was not written", failure));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
