package io.tern.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.message.DeliveryError;
import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@code carrier} configuration block, read from YAML as the gateway reads it. */
@ExtendWith(VertxExtension.class)
class CarrierConfigTest {
  private static final String SAMPLE = "src/test/resources/io/tern/carrier/carrier.yaml";

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void theDocumentedBlockStatesExactlyTheBuiltInDefaults(Vertx vertx, VertxTestContext testContext) {
    readYamlFile(vertx, SAMPLE).onComplete(testContext.succeeding(file -> testContext.verify(() -> {
      JsonObject carrier = file.getJsonObject("carrier");
      assertThat(carrier).isEqualTo(CarrierOptions.defaults());
      assertThat(CarrierOptions.fromJson(carrier)).isEqualTo(CarrierOptions.defaultOptions());
      assertThat(SimulatedCarrierOptions.fromJson(carrier.getJsonObject("simulated")))
          .isEqualTo(SimulatedCarrierOptions.defaults());
      assertThat(CarrierOptions.fromJson(carrier).prices()).isEqualTo(PriceTable.unpriced());
      assertThat(CarrierOptions.fromJson(carrier).reports()).isEqualTo(ReportKeeping.defaults());
      testContext.completeNow();
    })));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void aConfiguredBlockBindsKeyByKey(Vertx vertx, VertxTestContext testContext) {
    String yaml = """
        carrier:
          type: simulated
          simulated:
            submitLatencyMillis: 5
            deliveryReportDelayMillis: 50
            outcomes:
              "+15005559991": undelivered:30003
              "+447700900123": failed:30007
              "+33612345678": sent
          prices:
            unit: EUR
            defaultPerSegment: 0.05
            perSegmentByCountry:
              US: 0.0079
              fr: "0.0650"
        """;
    readYaml(vertx, yaml).onComplete(testContext.succeeding(file -> testContext.verify(() -> {
      JsonObject carrier = file.getJsonObject("carrier");
      SimulatedCarrierOptions options = SimulatedCarrierOptions.fromJson(carrier.getJsonObject("simulated"));
      assertThat(options.submitLatencyMillis()).isEqualTo(5);
      assertThat(options.deliveryReportDelayMillis()).isEqualTo(50);
      assertThat(options.outcomes()).isEqualTo(Map.of(
          "+15005559991", Outcome.undelivered(DeliveryError.UNREACHABLE_HANDSET),
          "+447700900123", Outcome.failedAtSubmit(DeliveryError.MESSAGE_FILTERED),
          "+33612345678", Outcome.sentWithoutReport()));
      assertThat(options.outcomeFor("+15005559992")).isEqualTo(Outcome.delivered());

      PriceTable prices = CarrierOptions.fromJson(carrier).prices();
      assertThat(prices.unit()).isEqualTo("EUR");
      assertThat(prices.perSegmentByCountry())
          .isEqualTo(Map.of("US", new BigDecimal("0.0079"), "FR", new BigDecimal("0.065")));
      assertThat(prices.priceFor("FR", 1)).contains("-0.06500");
      assertThat(prices.priceFor("DE", 1)).contains("-0.05000");
      testContext.completeNow();
    })));
  }

  @Test
  void missingKeysKeepTheirDefaults() {
    assertThat(SimulatedCarrierOptions.fromJson(new JsonObject())).isEqualTo(SimulatedCarrierOptions.defaults());
    assertThat(SimulatedCarrierOptions.fromJson(null)).isEqualTo(SimulatedCarrierOptions.defaults());
    assertThat(SimulatedCarrierOptions.fromJson(new JsonObject().put("submitLatencyMillis", 3)))
        .isEqualTo(SimulatedCarrierOptions.defaults().withSubmitLatencyMillis(3));
  }

  @Test
  void valuesFromTheEnvironmentArriveAsStrings() {
    JsonObject simulated = new JsonObject()
        .put("submitLatencyMillis", "7")
        .put("deliveryReportDelayMillis", "70");

    SimulatedCarrierOptions options = SimulatedCarrierOptions.fromJson(simulated);

    assertThat(options.submitLatencyMillis()).isEqualTo(7);
    assertThat(options.deliveryReportDelayMillis()).isEqualTo(70);
  }

  @Test
  void givenOutcomesReplaceTheShippedOnes() {
    JsonObject simulated = new JsonObject().put("outcomes", new JsonObject()
        .put("+15005559991", "delivered"));

    assertThat(SimulatedCarrierOptions.fromJson(simulated).outcomes())
        .isEqualTo(Map.of("+15005559991", Outcome.delivered()));
  }

  @Test
  void aBadOutcomeNamesItsKey() {
    JsonObject simulated = new JsonObject().put("outcomes", new JsonObject()
        .put("+15005559991", "bounced:30003"));

    assertThatThrownBy(() -> SimulatedCarrierOptions.fromJson(simulated))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("carrier.simulated.outcomes.+15005559991")
        .hasMessageContaining("bounced:30003");
  }

  @Test
  void negativeDelaysAreRefused() {
    assertThatThrownBy(() -> SimulatedCarrierOptions.fromJson(
            new JsonObject().put("deliveryReportDelayMillis", -1)))
        .hasMessageContaining("carrier.simulated.deliveryReportDelayMillis");
    assertThatThrownBy(() -> SimulatedCarrierOptions.fromJson(
            new JsonObject().put("submitLatencyMillis", "soon")))
        .hasMessageContaining("carrier.simulated.submitLatencyMillis");
  }

  @Test
  void reportKeepingReadsHoursAndRefusesNonsense() {
    JsonObject carrier = new JsonObject().put("reports",
        new JsonObject().put("keepHours", "12").put("sweepMillis", 250));

    assertThat(CarrierOptions.fromJson(carrier).reports())
        .isEqualTo(new ReportKeeping(java.time.Duration.ofHours(12), 250));
    assertThatThrownBy(() -> CarrierOptions.fromJson(new JsonObject().put("reports",
            new JsonObject().put("keepHours", 0))))
        .hasMessageContaining("carrier.reports.keepHours");
    assertThatThrownBy(() -> CarrierOptions.fromJson(new JsonObject().put("reports",
            new JsonObject().put("sweepMillis", "often"))))
        .hasMessageContaining("carrier.reports.sweepMillis");
  }

  @Test
  void optionsWrittenAsJsonReadBackTheSame() {
    SimulatedCarrierOptions options = SimulatedCarrierOptions.defaults()
        .withDeliveryReportDelayMillis(9)
        .withOutcome("+447700900123", Outcome.failedAtSubmit(DeliveryError.MESSAGE_BLOCKED));

    assertThat(SimulatedCarrierOptions.fromJson(options.toJson())).isEqualTo(options);
  }

  private static Future<JsonObject> readYaml(Vertx vertx, String yaml) {
    return vertx.fileSystem().createTempFile("carrier", ".yaml")
        .compose(path -> vertx.fileSystem().writeFile(path, Buffer.buffer(yaml))
            .compose(written -> readYamlFile(vertx, path))
            .eventually(() -> vertx.fileSystem().delete(path)));
  }

  private static Future<JsonObject> readYamlFile(Vertx vertx, String path) {
    ConfigRetriever retriever = ConfigRetriever.create(vertx, new ConfigRetrieverOptions()
        .setScanPeriod(0)
        .addStore(new ConfigStoreOptions().setType("file").setFormat("yaml")
            .setConfig(new JsonObject().put("path", path))));
    return retriever.getConfig().eventually(retriever::close);
  }
}
