package io.tern.store.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class QueueReadsTest {

  @Test
  void halfOfTheReadPoolAndNeverNone() {
    assertThat(QueueReads.limitFor(4)).isEqualTo(2);
    assertThat(QueueReads.limitFor(3)).isEqualTo(1);
    assertThat(QueueReads.limitFor(1)).isEqualTo(1);
  }

  @Test
  void readsBeyondTheLimitWaitAndStartInTheOrderTheyCame() {
    QueueReads reads = new QueueReads(2);
    List<Promise<String>> started = new ArrayList<>();
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      results.add(reads.run(() -> {
        Promise<String> read = Promise.promise();
        started.add(read);
        return read.future();
      }));
    }
    assertThat(started).hasSize(2);

    started.get(0).complete("first");
    assertThat(started).hasSize(3);
    started.get(1).fail("refused");
    assertThat(started).hasSize(4);
    started.get(3).complete("fourth");

    assertThat(results.get(0).result()).isEqualTo("first");
    assertThat(results.get(1).cause()).hasMessage("refused");
    assertThat(results.get(2).isComplete()).isFalse();
    assertThat(results.get(3).result()).isEqualTo("fourth");
  }

  @Test
  void aReadThatThrowsFailsAndFreesItsPlace() {
    QueueReads reads = new QueueReads(1);

    Future<String> thrown = reads.run(() -> {
      throw new IllegalStateException("pool closed");
    });
    Future<String> next = reads.run(() -> Future.succeededFuture("next"));

    assertThat(thrown.cause()).hasMessage("pool closed");
    assertThat(next.result()).isEqualTo("next");
  }

  /** The throttle's state belongs to its event loop: a read that waited must answer there. */
  @Test
  void aReadThatWaitedStartsAndAnswersOnItsCallersContext(Vertx vertx, VertxTestContext ctx) {
    QueueReads reads = new QueueReads(1);
    Context first = vertx.getOrCreateContext();
    Context second = vertx.getOrCreateContext();
    Promise<String> blocking = Promise.promise();
    first.runOnContext(go -> {
      reads.run(blocking::future);
      second.runOnContext(queued -> {
        reads.run(() -> {
          ctx.verify(() -> assertThat(Vertx.currentContext()).isSameAs(second));
          return Future.succeededFuture("answer");
        }).onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          assertThat(Vertx.currentContext()).isSameAs(second);
          assertThat(answer).isEqualTo("answer");
          ctx.completeNow();
        })));
        // Released from the first read's context, once the second waits behind it.
        first.runOnContext(release -> blocking.complete("done"));
      });
    });
  }
}
