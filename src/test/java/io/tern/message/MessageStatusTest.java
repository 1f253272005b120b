package io.tern.message;

import static io.tern.message.MessageStatus.ACCEPTED;
import static io.tern.message.MessageStatus.CANCELED;
import static io.tern.message.MessageStatus.DELIVERED;
import static io.tern.message.MessageStatus.FAILED;
import static io.tern.message.MessageStatus.QUEUED;
import static io.tern.message.MessageStatus.READ;
import static io.tern.message.MessageStatus.RECEIVED;
import static io.tern.message.MessageStatus.SCHEDULED;
import static io.tern.message.MessageStatus.SENDING;
import static io.tern.message.MessageStatus.SENT;
import static io.tern.message.MessageStatus.UNDELIVERED;
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
