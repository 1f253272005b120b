package io.tern.throttle;

import java.util.ArrayList;
import java.util.List;

/**
 * The window accounting of the package documentation, computed independently of the scheduler
 * from dispatch times: a message of N segments sent at t counts as N segments spread evenly over
 * [t, t + N/rate). {@link #maxOver(long)} is the most any window of that length ever holds.
 */
final class SpreadSegments {
  private final double rate;
  private final long[] starts;
  private final double[] ends;
  private final int[] segments;
  /** cumulative[i]: segments of the messages before i. */
  private final double[] cumulative;

  SpreadSegments(double rate, List<Dispatch> sends) {
    this.rate = rate;
    int n = sends.size();
    starts = new long[n];
    ends = new double[n];
    segments = new int[n];
    cumulative = new double[n + 1];
    for (int i = 0; i < n; i++) {
      Dispatch send = sends.get(i);
      starts[i] = send.atMicros();
      segments[i] = send.entry().segments();
      ends[i] = starts[i] + segments[i] * 1_000_000.0 / rate;
      cumulative[i + 1] = cumulative[i] + segments[i];
      if (i > 0 && starts[i] < starts[i - 1]) {
        throw new IllegalArgumentException("sends out of order");
      }
    }
  }

  /** Segments counted in [from, to). */
  double within(double from, double to) {
    return upTo(to) - upTo(from);
  }

  /**
   * The largest count over any window of {@code lengthMicros}. The count is piecewise linear in
   * the window's start, so its maximum is at a start where either edge meets an interval's start
   * or end.
   */
  double maxOver(long lengthMicros) {
    List<Double> candidates = new ArrayList<>();
    for (int i = 0; i < starts.length; i++) {
      candidates.add((double) starts[i]);
      candidates.add(ends[i]);
      candidates.add(starts[i] - (double) lengthMicros);
      candidates.add(ends[i] - lengthMicros);
    }
    double max = 0;
    for (double from : candidates) {
      max = Math.max(max, within(from, from + lengthMicros));
    }
    return max;
  }

  /** Whether any two hold intervals overlap (they never should). */
  boolean holdsOverlap() {
    for (int i = 1; i < starts.length; i++) {
      if (starts[i] < ends[i - 1] - 1e-6) {
        return true;
      }
    }
    return false;
  }

  double rate() {
    return rate;
  }

  private double upTo(double t) {
    // Messages starting before t: all of them but the last count in full up to their end.
    int lo = 0;
    int hi = starts.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (starts[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo == 0) {
      return 0;
    }
    // Intervals do not overlap, so only the last one started can be partly counted.
    int last = lo - 1;
    double fraction = Math.min(1, (t - starts[last]) / (ends[last] - starts[last]));
    return cumulative[last] + segments[last] * fraction;
  }
}
