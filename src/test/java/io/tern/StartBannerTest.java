package io.tern;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.config.ConfigLoader;
import io.tern.config.TernConfig;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartBannerTest {
  private static final String SID = "AC0123456789abcdef0123456789abcdef";

  @Test
  void namesTheBuildStoreCarrierFileAndUrl() {
    TernConfig config = ConfigLoader.bind(new JsonObject(), Map.of());

    String banner = String.join("\n", new StartBanner("1.2.3", config, "conf/tern.yaml", 8080, SID).lines());

    assertThat(banner).contains("Tern 1.2.3")
        .contains("http://localhost:8080")
        .contains("in memory")
        .contains("Carrier:       simulated")
        .contains("conf/tern.yaml")
        .contains(SID);
  }

  @Test
  void showsWherePostgresqlIsButNeverItsPassword() {
    TernConfig config = ConfigLoader.bind(new JsonObject(), Map.of(
        "TERN_DATABASE_URL", "postgresql://tern:s3cret-pw@db.internal:6543/sms",
        "TERN_DATABASE_SCHEMA", "tern_prod",
        "TERN_HTTP_HOST", "10.1.2.3"));

    String banner = String.join("\n", new StartBanner("1.2.3", config, null, 9000, SID).lines());

    assertThat(banner).contains("PostgreSQL db.internal:6543, database sms, schema tern_prod, user tern")
        .contains("http://10.1.2.3:9000")
        .contains("built-in defaults")
        .doesNotContain("s3cret-pw");
  }

  @Test
  void aPortInUseIsOneLineNamingThePort() {
    TernConfig config = ConfigLoader.bind(new JsonObject(), Map.of("TERN_HTTP_PORT", "18999"));

    String refusal = Main.refusal(new RuntimeException("listen failed",
        new java.net.BindException("Address already in use")), config);

    assertThat(refusal).isEqualTo("port 18999 on 0.0.0.0 is in use by another process (http.port, TERN_HTTP_PORT)");
    assertThat(Main.refusal(new IllegalStateException("boom"), config)).isNull();
  }
}
