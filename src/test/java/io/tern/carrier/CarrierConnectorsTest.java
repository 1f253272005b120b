package io.tern.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class CarrierConnectorsTest {

  @Test
  void theSimulatedTypeBuildsASimulatedCarrierFromItsBlock(Vertx vertx) {
    JsonObject config = new JsonObject()
        .put("type", "simulated")
        .put("simulated", new JsonObject().put("submitLatencyMillis", 3));

    CarrierConnector connector = CarrierConnectors.create(vertx, CarrierOptions.fromJson(config));

    assertThat(connector).isInstanceOf(SimulatedCarrier.class);
    assertThat(((SimulatedCarrier) connector).options())
        .isEqualTo(SimulatedCarrierOptions.defaults().withSubmitLatencyMillis(3));
  }

  @Test
  void theSimulatedCarrierIsTheDefault(Vertx vertx) {
    assertThat(CarrierConnectors.create(vertx, CarrierOptions.fromJson(new JsonObject())))
        .isInstanceOf(SimulatedCarrier.class);
    assertThat(CarrierConnectors.create(vertx, CarrierOptions.fromJson(null)))
        .isInstanceOf(SimulatedCarrier.class);
  }

  @Test
  void aGivenLogIsTheOneTheSimulatedCarrierRecordsInto(Vertx vertx) {
    SubmissionLog log = new SubmissionLog();

    SimulatedCarrier carrier = (SimulatedCarrier) CarrierConnectors.create(
        vertx, CarrierOptions.defaultOptions().withSimulatedLog(log));

    assertThat(carrier.submissionLog()).isSameAs(log);
  }

  @Test
  void anUnknownTypeIsRefusedNamingTheKnownOnes() {
    JsonObject config = new JsonObject().put("type", "http");

    assertThatThrownBy(() -> CarrierOptions.fromJson(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("carrier.type 'http'")
        .hasMessageContaining("known types: simulated, smpp");
    assertThat(CarrierConnectors.knownTypes()).containsExactly("simulated", "smpp");
  }
}
