package io.tern;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The path of one message reads top-down as packages: a stage hands work to the stages after it
 * and may use them, never a stage before it. A class that an earlier stage and a later one both
 * need belongs beneath the path, in the kernel ({@code message}), not in the later stage.
 *
 * <p>The path, earliest first (packages on one line are peers and may use each other):
 * <pre>
 *   api, account        HTTP: the Messages resource and the account resources
 *   validation          checks, sender resolution and assignment, the send plan made
 *   throttle            sender queues and rates
 *   carrier             connections to carriers
 *   status, callback    status changes written, callbacks sent
 * </pre>
 * Beneath it, usable by every stage: {@code message}, the kernel (Message, statuses, sids,
 * errors, numbers, the send plan, text), which uses nothing but itself, its text package
 * ({@code message.text}) not even the rest of the kernel; and {@code store}, the truth every
 * stage reads and writes (it is committed between validation and throttle), which uses the
 * kernel and no stage. The composition root ({@code io.tern} itself: {@code Gateway},
 * {@code Components}) wires every stage and is outside the order; so are packages off the path
 * ({@code bus}, {@code config}, {@code metrics}, ...).
 *
 * <p>{@code inbound} comes in from the bottom, from the carrier, and starts messages of its own
 * (replies): it asks validation for them on the event bus ({@code tern.message.create}) and uses
 * neither validation's nor the throttle's classes, so it cannot bypass the checks or the queues.
 *
 * <p>Every reference counts, imports and fully qualified names in code alike; comments do not.
 */
class PackageOrderTest {
  private static final Path SOURCES = Path.of("src/main/java/io/tern");
  private static final Map<String, Integer> STAGE = Map.of(
      "api", 1, "account", 1,
      "validation", 2,
      "throttle", 3,
      "carrier", 4,
      "status", 5, "callback", 5);
  private static final Pattern REFERENCE = Pattern.compile("\\bio\\.tern\\.([a-z]+)((?:\\.[a-z]+)*)\\.[A-Z]");

  @Test
  void noStageUsesAnEarlierOne() {
    List<String> backwards = new ArrayList<>();
    for (Path file : sources()) {
      String from = stageOf(file);
      Integer fromRank = STAGE.get(from);
      if (fromRank == null) {
        continue;
      }
      for (String to : referencedPackages(file)) {
        Integer toRank = STAGE.get(to);
        if (toRank != null && toRank < fromRank) {
          backwards.add(SOURCES.relativize(file) + " (" + from + ") uses " + to);
        }
      }
    }
    assertThat(backwards).as("references running back up the path").isEmpty();
  }

  @Test
  void inboundStartsMessagesOnlyThroughTheBus() {
    List<String> bypasses = new ArrayList<>();
    for (Path file : sources()) {
      if (stageOf(file).equals("inbound")) {
        referencedPackages(file).stream()
            .filter(stage -> stage.equals("validation") || stage.equals("throttle"))
            .forEach(stage -> bypasses.add(SOURCES.relativize(file) + " uses " + stage));
      }
    }
    assertThat(bypasses).isEmpty();
  }

  @Test
  void theKernelUsesNothingButItself() {
    List<String> outside = new ArrayList<>();
    for (Path file : sources()) {
      if (!stageOf(file).equals("message")) {
        continue;
      }
      boolean text = SOURCES.relativize(file).startsWith("message/text");
      for (String reference : referencedFullPackages(file)) {
        boolean allowed = text ? reference.equals("message.text")
            : reference.equals("message") || reference.equals("message.text");
        if (!allowed) {
          outside.add(SOURCES.relativize(file) + " uses io.tern." + reference);
        }
      }
    }
    assertThat(outside).isEmpty();
  }

  @Test
  void theStoreUsesNoStage() {
    List<String> upwards = new ArrayList<>();
    for (Path file : sources()) {
      if (stageOf(file).equals("store")) {
        referencedPackages(file).stream().filter(STAGE::containsKey)
            .forEach(stage -> upwards.add(SOURCES.relativize(file) + " uses " + stage));
      }
    }
    assertThat(upwards).isEmpty();
  }

  @Test
  void everyPackageOfThePathIsThere() {
    assertThat(Stream.concat(STAGE.keySet().stream(),
            Stream.of("message", "store", "message/text", "inbound")))
        .allSatisfy(stage ->
        assertThat(SOURCES.resolve(stage)).as("package io.tern.%s", stage).isDirectory());
  }

  /** The first package below io.tern, or "" for the composition root. */
  private static String stageOf(Path file) {
    Path relative = SOURCES.relativize(file);
    return relative.getNameCount() == 1 ? "" : relative.getName(0).toString();
  }

  private static List<String> referencedPackages(Path file) {
    return referencedFullPackages(file).stream().map(p -> p.split("\\.")[0]).distinct().toList();
  }

  /** Packages below io.tern the file's code names, such as "store" or "message.text". */
  private static List<String> referencedFullPackages(Path file) {
    List<String> packages = new ArrayList<>();
    for (String line : code(file)) {
      Matcher matcher = REFERENCE.matcher(line);
      while (matcher.find()) {
        String name = matcher.group(1) + matcher.group(2);
        if (!packages.contains(name)) {
          packages.add(name);
        }
      }
    }
    return packages;
  }

  /** The file's lines without comments (line, block and Javadoc) and without its package line. */
  private static List<String> code(Path file) {
    List<String> code = new ArrayList<>();
    boolean inComment = false;
    try {
      for (String line : Files.readAllLines(file)) {
        StringBuilder kept = new StringBuilder();
        int i = 0;
        while (i < line.length()) {
          if (inComment) {
            int end = line.indexOf("*/", i);
            if (end < 0) {
              i = line.length();
            } else {
              inComment = false;
              i = end + 2;
            }
          } else if (line.startsWith("/*", i)) {
            inComment = true;
            i += 2;
          } else if (line.startsWith("//", i)) {
            i = line.length();
          } else {
            kept.append(line.charAt(i++));
          }
        }
        String text = kept.toString().trim();
        if (!text.startsWith("package ")) {
          code.add(text);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return code;
  }

  private static List<Path> sources() {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      List<Path> java = files.filter(path -> path.toString().endsWith(".java")).sorted().toList();
      assertThat(java).as("sources under %s", SOURCES).hasSizeGreaterThan(100);
      return java;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
