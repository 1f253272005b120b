package io.tern.store.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.message.Message;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rows stored before a migration get what the application would have written: the sender key
 * (V2), the head callback of each message (V3), the stage table rows of messages on their way
 * (V11).
 */
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
  @Test
  void pendingCallbacksGetTheirMessagesHead() throws Exception {
    flyway("2").migrate();
    String waiting = "SM00000000000000000000000000000011";   // 1 finished, 2 and 3 pending
    String done = "SM00000000000000000000000000000012";      // 1 and 2 finished
    String retrying = "SM00000000000000000000000000000013";  // 1 pending
    try (Connection connection = PgTestDatabase.jdbc()) {
      var message = connection.prepareStatement("INSERT INTO " + schema + ".message (sid, "
          + "account_sid, status, num_segments, validity_period, date_created, date_updated, "
          + "callback_count) VALUES (?, ?, 'delivered', 1, 36000, now(), now(), ?)");
      var callback = connection.prepareStatement("INSERT INTO " + schema + ".status_callback "
          + "(message_sid, account_sid, url, status, sequence, params, idempotency_token, "
          + "attempts, next_attempt_at, created_at, outcome) VALUES (?, ?, 'https://a.example/s',"
          + " 'sent', ?, '{}', ?, 0, now(), now(), ?)");
      Object[][] callbacks = {
          {waiting, 1, "DELIVERED"}, {waiting, 2, null}, {waiting, 3, null},
          {done, 1, "DELIVERED"}, {done, 2, "GAVE_UP"}, {retrying, 1, null}};
      for (String sid : List.of(waiting, done, retrying)) {
        message.setString(1, sid);
        message.setString(2, ACCOUNT);
        message.setInt(3, sid.equals(retrying) ? 1 : sid.equals(done) ? 2 : 3);
        message.executeUpdate();
      }
      for (Object[] row : callbacks) {
        callback.setString(1, (String) row[0]);
        callback.setString(2, ACCOUNT);
        callback.setInt(3, (Integer) row[1]);
        callback.setString(4, row[0] + "-" + row[1]);
        callback.setString(5, (String) row[2]);
        callback.executeUpdate();
      }
    }

    flyway("latest").migrate();

    List<String> heads = new ArrayList<>();
    Map<String, Integer> headOfMessage = new LinkedHashMap<>();
    try (Connection connection = PgTestDatabase.jdbc();
        Statement statement = connection.createStatement()) {
      try (var rows = statement.executeQuery("SELECT message_sid, sequence FROM " + schema
          + ".status_callback WHERE head ORDER BY message_sid")) {
        while (rows.next()) {
          heads.add(rows.getString(1) + "/" + rows.getInt(2));
        }
      }
      try (var rows = statement.executeQuery(
          "SELECT sid, callback_head FROM " + schema + ".message ORDER BY sid")) {
        while (rows.next()) {
          headOfMessage.put(rows.getString(1), (Integer) rows.getObject(2));
        }
      }
    }
    assertThat(heads).containsExactly(waiting + "/2", retrying + "/1");
    Map<String, Integer> expected = new LinkedHashMap<>();
    expected.put(waiting, 2);
    expected.put(done, null);
    expected.put(retrying, 1);
    assertThat(headOfMessage).containsExactlyEntriesOf(expected);
  }

  @Test
  void messagesOnTheirWayGetTheirStageRows() throws Exception {
    flyway("10").migrate();
    String[] statuses = {"scheduled", "accepted", "queued", "sending", "sent", "delivered"};
    try (Connection connection = PgTestDatabase.jdbc()) {
      var insert = connection.prepareStatement("INSERT INTO " + schema + ".message (sid, "
          + "account_sid, from_address, sender_key, status, num_segments, validity_period, "
          + "date_created, date_updated) VALUES (?, ?, '+14155550100', '+14155550100', ?, 1, "
          + "36000, '2024-05-01T12:00:00Z', now())");
      for (int n = 0; n < statuses.length; n++) {
        insert.setString(1, "SM0000000000000000000000000000002" + n);
        insert.setString(2, ACCOUNT);
        insert.setString(3, statuses[n]);
        insert.executeUpdate();
      }
    }

    flyway("latest").migrate();

    List<String> stages = new ArrayList<>();
    try (Connection connection = PgTestDatabase.jdbc();
        Statement statement = connection.createStatement();
        var rows = statement.executeQuery(
            "SELECT 'queued ' || sender_key || ' ' || sid FROM " + schema + ".queued_message"
                + " UNION ALL SELECT status || ' ' || sid FROM " + schema + ".unreleased_message"
                + " UNION ALL SELECT 'sent ' || sid FROM " + schema + ".sent_message"
                + " ORDER BY 1")) {
      while (rows.next()) {
        stages.add(rows.getString(1));
      }
    }
    assertThat(stages).containsExactly(
        "accepted SM00000000000000000000000000000021",
        "queued +14155550100 SM00000000000000000000000000000022",
        "queued +14155550100 SM00000000000000000000000000000023",
        "scheduled SM00000000000000000000000000000020",
        "sent SM00000000000000000000000000000024");
  }
}
