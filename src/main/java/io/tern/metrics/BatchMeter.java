package io.tern.metrics;

/** Records one batched write: how many rows it carried and how long it took. */
@FunctionalInterface
public interface BatchMeter {
  BatchMeter NONE = (size, nanos) -> {};

  void record(int size, long nanos);
}
