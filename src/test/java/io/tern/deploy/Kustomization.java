package io.tern.deploy;

import static io.tern.deploy.YamlFiles.listAt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One kustomization directory, read as far as these manifests use kustomize: resources (files,
 * or directories holding their own kustomization), patches by path, and configMapGenerator
 * files. Nothing is transformed: the manifests set their own labels so that what the files say
 * is what the cluster gets, apart from the namespace and the ConfigMap's hash suffix.
 */
record Kustomization(Path dir, Map<String, Object> spec) {

  static Kustomization read(Path dir) {
    return new Kustomization(dir.normalize(), YamlFiles.document(dir.resolve("kustomization.yaml")));
  }

  /** The namespace kustomize gives every resource: this directory's, else its bases'. */
  String namespace() {
    Object own = spec.get("namespace");
    if (own != null) {
      return (String) own;
    }
    return bases().stream().map(Kustomization::namespace).filter(Objects::nonNull)
        .findFirst().orElse(null);
  }

  /** The resource entries as written, resolved against this directory. */
  List<Path> resourceEntries() {
    return listAt(spec, "resources").stream().map(entry -> dir.resolve((String) entry).normalize()).toList();
  }

  List<Path> patchFiles() {
    return listAt(spec, "patches").stream()
        .map(patch -> dir.resolve((String) YamlFiles.at(patch, "path")).normalize()).toList();
  }

  /** Generated ConfigMap name → its files, this directory's only. */
  Map<String, List<Path>> ownConfigMaps() {
    Map<String, List<Path>> generated = new LinkedHashMap<>();
    for (Object generator : listAt(spec, "configMapGenerator")) {
      generated.put((String) YamlFiles.at(generator, "name"), listAt(generator, "files").stream()
          .map(file -> dir.resolve(fileSource((String) file)).normalize()).toList());
    }
    return generated;
  }

  /** Generated ConfigMap name → its files, including those of the directories it builds on. */
  Map<String, List<Path>> configMaps() {
    Map<String, List<Path>> generated = new LinkedHashMap<>();
    for (Kustomization base : bases()) {
      generated.putAll(base.configMaps());
    }
    generated.putAll(ownConfigMaps());
    return generated;
  }

  /** The kustomizations this one builds on (resource entries that are directories). */
  List<Kustomization> bases() {
    return resourceEntries().stream().filter(Files::isDirectory).map(Kustomization::read).toList();
  }

  /** Every resource file, its bases' first, as kustomize accumulates them. */
  List<Path> resourceFiles() {
    List<Path> files = new ArrayList<>();
    for (Path entry : resourceEntries()) {
      if (Files.isDirectory(entry)) {
        files.addAll(read(entry).resourceFiles());
      } else {
        files.add(entry);
      }
    }
    return files;
  }

  /**
   * Every document of every resource file (patches and generated ConfigMaps left out). A file
   * that does not exist is passed over: the test of the kustomization's files names it, and the
   * others then fail on what is missing rather than all on the same file.
   */
  List<Map<String, Object>> resources() {
    return resourceFiles().stream().filter(Files::isRegularFile)
        .flatMap(file -> YamlFiles.documents(file).stream()).toList();
  }

  List<Map<String, Object>> resourcesOfKind(String kind) {
    return resources().stream().filter(resource -> kind.equals(resource.get("kind"))).toList();
  }

  /** The one resource of that kind; fails when there is none or several. */
  Map<String, Object> only(String kind) {
    List<Map<String, Object>> found = resourcesOfKind(kind);
    if (found.size() != 1) {
      throw new AssertionError(dir + " should render one " + kind + ", not " + found.size());
    }
    return found.get(0);
  }

  /** Every file this kustomization reads, its own kustomization.yaml and its bases' included. */
  Set<Path> filesRead() {
    Set<Path> files = new LinkedHashSet<>();
    files.add(dir.resolve("kustomization.yaml"));
    for (Path entry : resourceEntries()) {
      if (Files.isDirectory(entry)) {
        files.addAll(read(entry).filesRead());
      } else {
        files.add(entry);
      }
    }
    files.addAll(patchFiles());
    ownConfigMaps().values().forEach(files::addAll);
    return files;
  }

  /** {@code key=path} or {@code path}: the path part. */
  private static String fileSource(String source) {
    int equals = source.indexOf('=');
    return equals < 0 ? source : source.substring(equals + 1);
  }

  /** The ConfigMap key a generator file source gives: the {@code key=} part or the file name. */
  static String configMapKey(String source) {
    int equals = source.indexOf('=');
    return equals < 0 ? Path.of(source).getFileName().toString() : source.substring(0, equals);
  }

  /** The sources as written, for the keys they give. */
  List<String> ownConfigMapSources(String name) {
    for (Object generator : listAt(spec, "configMapGenerator")) {
      if (name.equals(YamlFiles.at(generator, "name"))) {
        return listAt(generator, "files").stream().map(String.class::cast).toList();
      }
    }
    return List.of();
  }
}
