package io.tern.store;

import static io.tern.store.MessageStatus.ACCEPTED;
import static io.tern.store.MessageStatus.CANCELED;
import static io.tern.store.MessageStatus.DELIVERED;
import static io.tern.store.MessageStatus.FAILED;
import static io.tern.store.MessageStatus.QUEUED;
import static io.tern.store.MessageStatus.READ;
import static io.tern.store.MessageStatus.RECEIVED;
import static io.tern.store.MessageStatus.SCHEDULED;
import static io.tern.store.MessageStatus.SENDING;
import static io.tern.store.MessageStatus.SENT;
import static io.tern.store.MessageStatus.UNDELIVERED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageStatusTest {

  @Test
  void outboundPathMovesForward() {
    assertThat(ACCEPTED.canMoveTo(QUEUED)).isTrue();
    assertThat(SCHEDULED.canMoveTo(QUEUED)).isTrue();
    assertThat(QUEUED.canMoveTo(SENDING)).isTrue();
    assertThat(QUEUED.canMoveTo(FAILED)).as("expired in its queue").isTrue();
    assertThat(SENDING.canMoveTo(SENT)).isTrue();
    assertThat(SENT.canMoveTo(DELIVERED)).isTrue();
    assertThat(QUEUED.canMoveTo(DELIVERED)).as("a report may overtake sent").isTrue();
  }

  @Test
  void nothingMovesBackOrLeavesAFinalStatus() {
    assertThat(DELIVERED.canMoveTo(SENT)).isFalse();
    assertThat(SENT.canMoveTo(SENDING)).isFalse();
    assertThat(SENT.canMoveTo(SENT)).isFalse();
    assertThat(FAILED.canMoveTo(DELIVERED)).isFalse();
    assertThat(DELIVERED.canMoveTo(UNDELIVERED)).isFalse();
  }

  @Test
  void onlyAScheduledMessageIsCanceled() {
    assertThat(SCHEDULED.canMoveTo(CANCELED)).isTrue();
    assertThat(QUEUED.canMoveTo(CANCELED)).isFalse();
    assertThat(ACCEPTED.canMoveTo(CANCELED)).isFalse();
  }

  @Test
  void inboundStatusesAndReadAreOutsideThePath() {
    assertThat(RECEIVED.canMoveTo(DELIVERED)).isFalse();
    assertThat(DELIVERED.canMoveTo(READ)).isFalse();
    assertThat(QUEUED.canMoveTo(RECEIVED)).isFalse();
  }
}
