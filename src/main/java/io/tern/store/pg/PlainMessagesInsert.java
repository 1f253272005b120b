package io.tern.store.pg;

import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The bulk form of {@link MessageSql#INSERT} for the common message, one without media or
 * idempotency key: {@link MessageSql#INSERT_MANY}, with the columns of many single-statement
 * tuples turned into one array each. Knows the layout of {@link PgMessageStore}'s insert tuple.
 */
final class PlainMessagesInsert implements InsertBatcher.Bulk {
  /** Positions in the insert tuple of the message columns, in INSERT_MANY's order. */
  private static final int[] COLUMNS = {
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 26, 27, 28, 29};
  /** Positions of the integer, timestamptz and boolean columns; the others are text. */
  private static final int NUM_SEGMENTS = 8;
  private static final int ERROR_CODE = 10;
  private static final int VALIDITY_PERIOD = 15;
  private static final int FIRST_TIMESTAMP = 16;
  private static final int LAST_TIMESTAMP = 19;
  private static final int MEDIA_SIDS = 20;
  private static final int IDEMPOTENCY_KEY = 24;
  private static final int PLAN_MMS = 27;
  private static final int PLAN_SEGMENTS = 29;

  @Override
  public boolean takes(Tuple tuple) {
    return tuple.getValue(IDEMPOTENCY_KEY) == null
        && ((String[]) tuple.getValue(MEDIA_SIDS)).length == 0;
  }

  @Override
  public String sql() {
    return MessageSql.INSERT_MANY;
  }

  @Override
  public Tuple arguments(List<Tuple> tuples) {
    int n = tuples.size();
    Object[] arrays = new Object[COLUMNS.length];
    for (int c = 0; c < COLUMNS.length; c++) {
      int position = COLUMNS[c];
      Object[] values = newArray(position, n);
      for (int i = 0; i < n; i++) {
        values[i] = tuples.get(i).getValue(position);
      }
      arrays[c] = values;
    }
    return Tuple.from(arrays);
  }

  private static Object[] newArray(int position, int size) {
    if (position == PLAN_MMS) {
      return new Boolean[size];
    }
    if (position == NUM_SEGMENTS || position == ERROR_CODE || position == VALIDITY_PERIOD
        || position == PLAN_SEGMENTS) {
      return new Integer[size];
    }
    if (position >= FIRST_TIMESTAMP && position <= LAST_TIMESTAMP) {
      return new OffsetDateTime[size];
    }
    return new String[size];
  }
}
