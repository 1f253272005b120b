package io.tern.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of {@code /metrics} in Prometheus text format, read back sample by sample. */
final class Scrape {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\S+)?$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  record Sample(String name, Map<String, String> labels, double value) {}

  final String text;
  final List<Sample> samples = new ArrayList<>();

  Scrape(String text) {
    this.text = text;
    for (String line : text.split("\n")) {
      Matcher sample = SAMPLE.matcher(line.trim());
      if (line.startsWith("#") || !sample.matches()) {
        continue;
      }
      Map<String, String> labels = new HashMap<>();
      if (sample.group(2) != null) {
        Matcher label = LABEL.matcher(sample.group(2));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
      }
      samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
    }
  }

  /** The sum of the samples of that name whose labels include the given ones; 0 when none. */
  double value(String name, String... labelPairs) {
    return matching(name, labelPairs).stream().mapToDouble(Sample::value).sum();
  }

  List<Sample> matching(String name, String... labelPairs) {
    List<Sample> found = new ArrayList<>();
    for (Sample sample : samples) {
      if (!sample.name().equals(name)) {
        continue;
      }
      boolean all = true;
      for (int i = 0; i < labelPairs.length; i += 2) {
        all &= labelPairs[i + 1].equals(sample.labels().get(labelPairs[i]));
      }
      if (all) {
        found.add(sample);
      }
    }
    return found;
  }

  boolean has(String name) {
    return samples.stream().anyMatch(sample -> sample.name().equals(name));
  }
}
