package io.tern.carrier.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.config.ConfigLoader;
import io.tern.config.TernConfig;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmppOptionsTest {
  @Test
  void environmentVariablesSetTheSmppBlockKeyByKey() {
    TernConfig config = ConfigLoader.bind(new JsonObject(), Map.of(
        "TERN_CARRIER_TYPE", "smpp",
        "TERN_CARRIER_SMPP_HOST", "smsc.example.net",
        "TERN_CARRIER_SMPP_SYSTEM_ID", "acme",
        "TERN_CARRIER_SMPP_WINDOW", "50",
        "TERN_CARRIER_SMPP_BIND_TYPE", "transmitter+receiver",
        "TERN_CARRIER_SMPP_SHORT_CODE_TON", "0",
        "TERN_CARRIER_SMPP_LONG_MESSAGE", "sar"));
    SmppOptions options = config.carrier().smpp().requireConnectable();
    assertThat(options.host()).isEqualTo("smsc.example.net");
    assertThat(options.window()).isEqualTo(50);
    assertThat(options.bindType()).isEqualTo(SmppOptions.BindMode.TRANSMITTER_RECEIVER);
    assertThat(options.shortCode()).isEqualTo(new SmppOptions.Address(0, 0));
    assertThat(options.longMessage()).isEqualTo(SmppOptions.LongMessageMethod.SAR);
    assertThat(options.enquireLinkSeconds()).isEqualTo(30);
  }

  @Test
  void theDefaultsRoundTripAndUnusableValuesAreRefused() {
    assertThat(SmppOptions.from(SmppOptions.defaults().toJson())).isEqualTo(SmppOptions.defaults());
    assertThat(SmppOptions.from(new JsonObject().put("errorMap", new JsonObject().put("0x0B", 30003).put("err:7", 30004)))
        .errorMap()).isEqualTo(Map.of("11", 30003, "err:7", 30004));
    assertThatThrownBy(() -> SmppOptions.from(new JsonObject().put("window", 0)))
        .hasMessageContaining("carrier.smpp.window");
    assertThatThrownBy(() -> SmppOptions.from(new JsonObject().put("longMessage", "udh7")))
        .hasMessageContaining("udh8, udh16, sar or payload");
    assertThatThrownBy(() -> SmppOptions.defaults().requireConnectable())
        .hasMessageContaining("TERN_CARRIER_SMPP_HOST");
  }
}
