package io.tern.carrier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every submission a simulated carrier answered, in order. It outlives the carrier: hand the
 * same log to the carrier of a restarted gateway and it still proves whether any message was
 * sent twice. Safe to share between threads.
 */
public final class SubmissionLog {

  /**
   * One submission the carrier answered.
   *
   * @param accepted true when the carrier took the message (it is {@code sent}); false when it
   *     rejected it ({@code failed})
   * @param text the text the carrier was handed (null where a test records no content)
   * @param mms true when it was handed media to send as MMS
   */
  public record Submission(String messageSid, String to, Instant at, boolean accepted,
      String text, boolean mms) {

    /** A submission recorded without its content. */
    public Submission(String messageSid, String to, Instant at, boolean accepted) {
      this(messageSid, to, at, accepted, null, false);
    }
  }

  private final List<Submission> submissions = new ArrayList<>();
  private final Map<String, Integer> acceptedBySid = new HashMap<>();
  private final Map<String, Integer> attemptsBySid = new HashMap<>();

  /** Records a submission; returns how many times its message has now been accepted. */
  public synchronized int record(Submission submission) {
    submissions.add(submission);
    attemptsBySid.merge(submission.messageSid(), 1, Integer::sum);
    return submission.accepted()
        ? acceptedBySid.merge(submission.messageSid(), 1, Integer::sum)
        : acceptedBySid.getOrDefault(submission.messageSid(), 0);
  }

  /** Every submission answered so far, accepted or rejected, oldest first. */
  public synchronized List<Submission> submissions() {
    return List.copyOf(submissions);
  }

  /** How many times the carrier accepted (sent) this message: more than 1 is a duplicate send. */
  public synchronized int count(String messageSid) {
    return acceptedBySid.getOrDefault(messageSid, 0);
  }

  /** How many times this message was submitted and answered, accepted or rejected. */
  public synchronized int attempts(String messageSid) {
    return attemptsBySid.getOrDefault(messageSid, 0);
  }

  /** Accepted submissions per message sid. */
  public synchronized Map<String, Integer> counts() {
    return Map.copyOf(acceptedBySid);
  }

  /** Messages the carrier accepted more than once. Empty is what every restart test wants. */
  public synchronized Set<String> duplicates() {
    return acceptedBySid.entrySet().stream()
        .filter(entry -> entry.getValue() > 1)
        .map(Map.Entry::getKey)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Messages accepted at least once. */
  public synchronized int sentCount() {
    return acceptedBySid.size();
  }
}
