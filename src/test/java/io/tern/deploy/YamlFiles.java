package io.tern.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** YAML files read as kubectl reads them: every document of a file, as plain maps and lists. */
final class YamlFiles {
  private YamlFiles() {}

  /** The file's non-empty documents, in order. */
  static List<Map<String, Object>> documents(Path file) {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    List<Map<String, Object>> documents = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file)) {
      for (Object document : yaml.loadAll(reader)) {
        if (document != null) {
          documents.add(asMap(document, file.toString()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return documents;
  }

  static Map<String, Object> document(Path file) {
    List<Map<String, Object>> documents = documents(file);
    if (documents.size() != 1) {
      throw new IllegalStateException(file + " should hold one document, not " + documents.size());
    }
    return documents.get(0);
  }

  /** The node at the path of keys, or null when any step is missing. */
  static Object at(Object node, String... keys) {
    for (String key : keys) {
      if (!(node instanceof Map<?, ?> map)) {
        return null;
      }
      node = map.get(key);
    }
    return node;
  }

  static Map<String, Object> mapAt(Object node, String... keys) {
    Object found = at(node, keys);
    return found == null ? Map.of() : asMap(found, String.join(".", keys));
  }

  @SuppressWarnings("unchecked")
  static List<Object> listAt(Object node, String... keys) {
    Object found = at(node, keys);
    if (found == null) {
      return List.of();
    }
    if (!(found instanceof List<?>)) {
      throw new IllegalStateException(String.join(".", keys) + " is not a list: " + found);
    }
    return (List<Object>) found;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object node, String what) {
    if (!(node instanceof Map<?, ?>)) {
      throw new IllegalStateException(what + " is not a mapping: " + node);
    }
    return (Map<String, Object>) node;
  }
}
