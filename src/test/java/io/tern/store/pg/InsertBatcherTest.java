package io.tern.store.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class InsertBatcherTest {

  /** Returns a row unless n % 3 is 1; fails on the server (division by zero) for n = 0. */
  private static final String STATEMENT = "SELECT 1 / $1::int AS x WHERE $1::int % 3 <> 1";

  private Pool pool;
  /** The batcher's own context, as the store gives it one. */
  private Context batches;

  @BeforeEach
  void connect(Vertx vertx) {
    batches = ((VertxInternal) vertx).createEventLoopContext();
    pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(2))
        .connectingTo(PgStores.connectOptions(PgTestDatabase.URL, "public"))
        .using(vertx)
        .build();
  }

  @AfterEach
  void disconnect() throws Exception {
    PgTestDatabase.await(pool.close());
  }

  @Test
  void eachCallerGetsItsOwnAnswerAndOneBadTupleFailsAlone(Vertx vertx, VertxTestContext ctx) {
    // One batch in flight at a time: the first tuple goes alone, the other 29 queue behind it
    // and go as one batch, which the server rejects because of n = 0 and is then retried
    // tuple by tuple.
    InsertBatcher batcher = new InsertBatcher(pool, batches, STATEMENT, 100, 1);
    Context context = vertx.getOrCreateContext();

    context.runOnContext(ignored -> {
      List<Future<Boolean>> answers = IntStream.range(-15, 15)
          .mapToObj(n -> batcher.submit(Tuple.of(n))
              .andThen(done -> ctx.verify(() -> assertThat(Vertx.currentContext())
                  .as("answer on the caller's context").isSameAs(context))))
          .toList();
      Future.join(answers).onComplete(done -> ctx.verify(() -> {
        for (int n = -15; n < 15; n++) {
          Future<Boolean> answer = answers.get(n + 15);
          if (n == 0) {
            assertThat(answer.failed()).as("n = 0").isTrue();
          } else {
            assertThat(answer.result()).as("n = %d", n).isEqualTo(n % 3 != 1);
          }
        }
        ctx.completeNow();
      }));
    });
  }

  @Test
  void theBulkStatementTakesItsTuplesTogetherAndABadOneStillFailsAlone(
      Vertx vertx, VertxTestContext ctx) {
    // The bulk statement takes even n and answers for all of them with one row count; n = 0
    // fails it (division by zero), so its tuples are retried with the single statement. The
    // odd n go with the single statement throughout. One batch in flight: the first tuple goes
    // alone, the other 29 together.
    List<List<Integer>> bulkCalls = new java.util.concurrent.CopyOnWriteArrayList<>();
    InsertBatcher.Bulk evens = new InsertBatcher.Bulk() {
      @Override
      public boolean takes(Tuple tuple) {
        return tuple.getInteger(0) % 2 == 0;
      }

      @Override
      public String sql() {
        return "SELECT sum(1 / x) FROM unnest($1::int[]) AS x";
      }

      @Override
      public Tuple arguments(List<Tuple> tuples) {
        List<Integer> values = tuples.stream().map(t -> t.getInteger(0)).toList();
        bulkCalls.add(values);
        return Tuple.of(values.toArray(Integer[]::new));
      }
    };
    InsertBatcher batcher = new InsertBatcher(pool, batches, STATEMENT, evens, 100, 1,
        io.tern.metrics.BatchMeter.NONE);

    vertx.getOrCreateContext().runOnContext(ignored -> {
      List<Future<Boolean>> answers = IntStream.range(-15, 15)
          .mapToObj(n -> batcher.submit(Tuple.of(n)))
          .toList();
      Future.join(answers).onComplete(done -> ctx.verify(() -> {
        for (int n = -15; n < 15; n++) {
          Future<Boolean> answer = answers.get(n + 15);
          if (n == 0) {
            assertThat(answer.failed()).as("n = 0").isTrue();
          } else {
            // Odd n from the single statement throughout; even n from it too, retried after
            // the refused bulk statement (which would have answered true for all of them).
            assertThat(answer.result()).as("n = %d", n).isEqualTo(n % 3 != 1);
          }
        }
        assertThat(bulkCalls).as("one bulk statement, for the even n after the first")
            .containsExactly(IntStream.range(-14, 15).filter(n -> n % 2 == 0).boxed().toList());
        ctx.completeNow();
      }));
    });
  }

  @Test
  void aBulkStatementThatSucceedsAnswersTrueForEachOfItsTuplesEvenALoneOne(
      Vertx vertx, VertxTestContext ctx) {
    List<Integer> bulkSizes = new java.util.concurrent.CopyOnWriteArrayList<>();
    InsertBatcher.Bulk all = new InsertBatcher.Bulk() {
      @Override
      public boolean takes(Tuple tuple) {
        return true;
      }

      @Override
      public String sql() {
        return "SELECT count(*) FROM unnest($1::int[])";
      }

      @Override
      public Tuple arguments(List<Tuple> tuples) {
        bulkSizes.add(tuples.size());
        return Tuple.of(tuples.stream().map(t -> t.getInteger(0)).toArray(Integer[]::new));
      }
    };
    InsertBatcher batcher = new InsertBatcher(pool, batches, STATEMENT, all, 100, 1,
        io.tern.metrics.BatchMeter.NONE);

    // 1 goes alone, 2..10 together, all in bulk, which answers true even for 1, 4, 7 and 10,
    // whose single statement would return no row (n % 3 == 1).
    vertx.getOrCreateContext().runOnContext(ignored -> {
      List<Future<Boolean>> answers = IntStream.rangeClosed(1, 10)
          .mapToObj(n -> batcher.submit(Tuple.of(n)))
          .toList();
      Future.join(answers).onComplete(done -> ctx.verify(() -> {
        assertThat(answers).allSatisfy(a -> assertThat(a.result()).isTrue());
        assertThat(bulkSizes).as("the lone first tuple in bulk too").containsExactly(1, 9);
        ctx.completeNow();
      }));
    });
  }

  @Test
  void closedBatcherRefusesWork(VertxTestContext ctx) {
    InsertBatcher batcher = new InsertBatcher(pool, batches, STATEMENT, 100, 1);
    batcher.close();

    batcher.submit(Tuple.of(1)).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertThat(e).isInstanceOf(IllegalStateException.class);
      ctx.completeNow();
    })));
  }

  @Test
  void theMeterSeesEachBatchWithItsSize(Vertx vertx, VertxTestContext ctx) {
    // As above: the first tuple alone, then the 9 that queued behind it as one batch.
    List<Integer> sizes = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Long> nanos = new java.util.concurrent.CopyOnWriteArrayList<>();
    io.vertx.core.Promise<Void> bothMetered = io.vertx.core.Promise.promise();
    InsertBatcher batcher = new InsertBatcher(pool, batches, STATEMENT, 100, 1, (size, took) -> {
      sizes.add(size);
      nanos.add(took);
      if (sizes.size() == 2) {
        bothMetered.complete();
      }
    });

    vertx.getOrCreateContext().runOnContext(ignored -> Future.join(IntStream.range(2, 12)
            .mapToObj(n -> batcher.submit(Tuple.of(n))).toList())
        .compose(answered -> bothMetered.future())
        .onComplete(done -> ctx.verify(() -> {
          assertThat(sizes).containsExactly(1, 9);
          assertThat(nanos).allSatisfy(took -> assertThat(took).isPositive());
          ctx.completeNow();
        })));
  }

  @Test
  void batchesAreAnsweredOnTheBatchersContextWhoeverSubmits(Vertx vertx, VertxTestContext ctx) {
    // The meter is told of a batch where its answer arrives, which is also where the next batch
    // is taken out and sent: the batcher's context, not the caller's (whose event loop may be
    // busy with requests when the answer comes).
    List<Context> meteredOn = new java.util.concurrent.CopyOnWriteArrayList<>();
    io.vertx.core.Promise<Void> bothMetered = io.vertx.core.Promise.promise();
    InsertBatcher batcher = new InsertBatcher(pool, batches, STATEMENT, 100, 1, (size, took) -> {
      meteredOn.add(Vertx.currentContext());
      if (meteredOn.size() == 2) {
        bothMetered.complete();
      }
    });
    Context caller = ((VertxInternal) vertx).createEventLoopContext();

    caller.runOnContext(ignored -> Future.join(IntStream.range(2, 12)
            .mapToObj(n -> batcher.submit(Tuple.of(n))
                .andThen(done -> ctx.verify(() -> assertThat(Vertx.currentContext())
                    .as("answer on the caller's context").isSameAs(caller))))
            .toList())
        .compose(answered -> bothMetered.future())
        .onComplete(done -> ctx.verify(() -> {
          assertThat(meteredOn).hasSize(2).allSatisfy(context -> assertThat(context)
              .as("batch answered on the batcher's context").isSameAs(batches));
          ctx.completeNow();
        })));
  }
}
