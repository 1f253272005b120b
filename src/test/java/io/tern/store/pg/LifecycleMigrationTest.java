package io.tern.store.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.store.Message;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Messages stored before the lifecycle migration get the sender key the application computes. */
class LifecycleMigrationTest {
  private static final String ACCOUNT = "AC00000000000000000000000000000001";
  private final String schema = PgTestDatabase.uniqueSchema("migration");

  @AfterEach
  void dropSchema() throws Exception {
    PgTestDatabase.dropSchema(schema);
  }

  private Flyway flyway(String target) {
    var options = PgStores.connectOptions(PgTestDatabase.URL, schema);
    return Flyway.configure()
        .dataSource("jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/"
            + options.getDatabase(), options.getUser(), options.getPassword())
        .schemas(schema)
        .createSchemas(true)
        .locations("classpath:db/migration")
        .target(target)
        .load();
  }

  @Test
  void existingMessagesGetTheirSenderKey() throws Exception {
    flyway("1").migrate();
    Map<String, String> fromBySid = new LinkedHashMap<>();
    fromBySid.put("SM00000000000000000000000000000001", "+14155550100");
    fromBySid.put("SM00000000000000000000000000000002", "12345");
    fromBySid.put("SM00000000000000000000000000000003", "Tern");
    fromBySid.put("SM00000000000000000000000000000004", null);
    try (Connection connection = PgTestDatabase.jdbc()) {
      var insert = connection.prepareStatement("INSERT INTO " + schema + ".message (sid, "
          + "account_sid, from_address, status, num_segments, validity_period, date_created, "
          + "date_updated) VALUES (?, ?, ?, 'queued', 1, 36000, now(), now())");
      for (var entry : fromBySid.entrySet()) {
        insert.setString(1, entry.getKey());
        insert.setString(2, ACCOUNT);
        insert.setString(3, entry.getValue());
        insert.executeUpdate();
      }
    }

    flyway("latest").migrate();

    Map<String, String> keys = new LinkedHashMap<>();
    try (Connection connection = PgTestDatabase.jdbc();
        Statement statement = connection.createStatement();
        var rows = statement.executeQuery(
            "SELECT sid, sender_key FROM " + schema + ".message ORDER BY sid")) {
      while (rows.next()) {
        keys.put(rows.getString(1), rows.getString(2));
      }
    }
    Map<String, String> expected = new LinkedHashMap<>();
    fromBySid.forEach((sid, from) -> expected.put(sid, Message.senderKey(ACCOUNT, from)));
    assertThat(keys).containsExactlyEntriesOf(expected);
  }
}
