package io.tern.deploy;

import static io.tern.deploy.YamlFiles.at;
import static io.tern.deploy.YamlFiles.listAt;
import static io.tern.deploy.YamlFiles.mapAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.tern.config.ConfigLoader;
import io.tern.config.TernConfig;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The manifests in k8s/ agree with each other and with the gateway: names, labels, ports, probe
 * paths, configuration keys, the image the README builds and the Dockerfile that builds it.
 * Each check fails when one side drifts from the other.
 */
class KubernetesManifestsTest {
  private static final Path K8S = Path.of("k8s");
  private static final Path PROJECT_CONFIG = Path.of("conf", "tern.yaml");
  private static final Path SECRET_TEMPLATE = K8S.resolve("secret.example.yaml");
  /** The operator's filled-in copy of the template; git ignores it, so it may exist locally. */
  private static final Path FILLED_SECRET = K8S.resolve("secret.yaml");
  private static final Path README = K8S.resolve("README.md");
  private static final Path DOCKERFILE = Path.of("Dockerfile");

  private static final String LIVE = "/health/live";
  private static final String READY = "/health/ready";
  private static final String METRICS = "/metrics";
  /** shutdown.gracePeriodMillis's documented default, for as long as TernConfig does not have it. */
  private static final long DOCUMENTED_DRAIN_MILLIS = 20_000;
  private static final Set<String> SECRET_KEYS =
      Set.of("TERN_DATABASE_URL", "TERN_ACCOUNT_SID", "TERN_AUTH_TOKEN");
  private static final Pattern TERN_VARIABLE = Pattern.compile("(?<![A-Z0-9_])TERN_[A-Z0-9_]*[A-Z0-9]");

  private final Kustomization single = Kustomization.read(K8S);
  private final Kustomization scaled = Kustomization.read(K8S.resolve("scaled"));
  private final Map<String, Object> deployment = single.only("Deployment");

  // Files

  @Test
  void kustomizationsNameOnlyFilesThatExistInsideTheirOwnDirectory() throws IOException {
    for (Kustomization kustomization : allKustomizations()) {
      for (Path entry : kustomization.resourceEntries()) {
        assertThat(Files.isRegularFile(entry) || Files.isRegularFile(entry.resolve("kustomization.yaml")))
            .as("%s lists %s", kustomization.dir(), entry).isTrue();
      }
      List<Path> loaded = new ArrayList<>(kustomization.patchFiles());
      kustomization.ownConfigMaps().values().forEach(loaded::addAll);
      for (Path file : loaded) {
        assertThat(file).as("%s reads", kustomization.dir()).isRegularFile();
        // kustomize's default load restrictions: no file outside the directory, symlinks included.
        assertThat(file.toRealPath()).as("%s reads %s", kustomization.dir(), file)
            .startsWith(kustomization.dir().toRealPath());
      }
    }
  }

  @Test
  void everyYamlFileIsReadByAKustomizationOrIsTheSecretTemplate() throws IOException {
    Set<Path> read = new HashSet<>();
    allKustomizations().forEach(kustomization -> read.addAll(kustomization.filesRead()));
    read.add(SECRET_TEMPLATE);
    read.add(FILLED_SECRET);
    assertThat(yamlFiles()).allSatisfy(file -> assertThat(read).as("nothing reads %s", file).contains(file));
  }

  @Test
  void configMapIsAByteForByteCopyOfTheProjectConfiguration() throws IOException {
    Path copy = configCopy();
    assertThat(Files.mismatch(copy, PROJECT_CONFIG))
        .as("%s differs from %s: cp %s %s", copy, PROJECT_CONFIG, PROJECT_CONFIG, copy)
        .isEqualTo(-1L);
  }

  // Ports

  @Test
  void apiPortIsTheGatewaysHttpPort() {
    int declared = containerPort("http");
    assertThat(declared).isEqualTo(TernConfig.DEFAULTS.getJsonObject("http").getInteger("port"));
    TernConfig inThePod = ConfigLoader.bind(fileJson(configCopy()), literalEnvironment());
    assertThat(inThePod.http().port()).as("http.port as the pod reads it").isEqualTo(declared);
  }

  @Test
  void serviceSendsPort80ToTheDeploymentsPodsOnTheApiPort() {
    Map<String, Object> service = single.only("Service");
    assertThat(mapAt(service, "spec", "selector")).isNotEmpty();
    assertThat(podLabels()).containsAllEntriesOf(mapAt(service, "spec", "selector"));
    assertThat(podLabels()).containsAllEntriesOf(mapAt(deployment, "spec", "selector", "matchLabels"));

    List<Object> ports = listAt(service, "spec", "ports");
    assertThat(ports).hasSize(1);
    assertThat(at(ports.get(0), "port")).isEqualTo(80);
    assertThat(resolvePort(at(ports.get(0), "targetPort"))).isEqualTo(apiPort());
  }

  @Test
  void probesAskTheHealthEndpointsOnTheApiPort() {
    Map<String, Object> container = container();
    assertThat(Map.of(
        "startupProbe", at(container, "startupProbe", "httpGet", "path"),
        "livenessProbe", at(container, "livenessProbe", "httpGet", "path"),
        "readinessProbe", at(container, "readinessProbe", "httpGet", "path")))
        .isEqualTo(Map.of("startupProbe", LIVE, "livenessProbe", LIVE, "readinessProbe", READY));
    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      assertThat(resolvePort(at(container, probe, "httpGet", "port"))).as(probe).isEqualTo(apiPort());
    }
  }

  @Test
  void prometheusAnnotationsPointAtTheMetricsEndpoint() {
    Map<String, Object> annotations = mapAt(deployment, "spec", "template", "metadata", "annotations");
    assertThat(annotations)
        .containsEntry("prometheus.io/port", String.valueOf(apiPort()))
        .containsEntry("prometheus.io/path", METRICS);
  }

  // Configuration and secrets

  @Test
  void deploymentReadsTheGeneratedConfigMapThroughTernConfig() {
    Map<String, Object> volume = volumes().stream()
        .filter(candidate -> at(candidate, "configMap") != null).findFirst().orElseThrow();
    String configMap = (String) at(volume, "configMap", "name");
    assertThat(single.configMaps()).containsKey(configMap);
    assertThat(scaled.configMaps()).containsKey(configMap);

    String mountPath = mountPathOf((String) at(volume, "name"));
    Kustomization generating = generatorOf(configMap);
    List<String> sources = generating.ownConfigMapSources(configMap);
    assertThat(sources).hasSize(1);
    assertThat(literalEnvironment())
        .containsEntry("TERN_CONFIG", mountPath + "/" + Kustomization.configMapKey(sources.get(0)));
  }

  @Test
  void secretReferencesNameTheTemplatesSecretAndItsKeys() {
    Map<String, Object> template = YamlFiles.document(SECRET_TEMPLATE);
    String secretName = (String) at(template, "metadata", "name");
    Set<String> templateKeys = mapAt(template, "stringData").keySet();

    Map<String, String> referenced = new LinkedHashMap<>();
    for (Object variable : listAt(container(), "env")) {
      Object ref = at(variable, "valueFrom", "secretKeyRef");
      if (ref != null) {
        assertThat(at(ref, "name")).as("secret of %s", at(variable, "name")).isEqualTo(secretName);
        referenced.put((String) at(variable, "name"), (String) at(ref, "key"));
      }
    }
    for (Object source : listAt(container(), "envFrom")) {
      assertThat(at(source, "secretRef", "name")).isIn(null, secretName);
    }
    assertThat(templateKeys).containsAll(referenced.values());
    assertThat(referenced.keySet()).containsExactlyInAnyOrderElementsOf(SECRET_KEYS);
    assertThat(templateKeys).containsExactlyInAnyOrderElementsOf(SECRET_KEYS);
    assertThat(at(template, "metadata", "namespace")).isEqualTo(single.namespace());
  }

  @Test
  void secretTemplateHoldsPlaceholdersAndNoKustomizationAppliesASecret() {
    Map<String, Object> template = YamlFiles.document(SECRET_TEMPLATE);
    assertThat(template).doesNotContainKey("data");
    assertThat(mapAt(template, "stringData").values())
        .allSatisfy(value -> assertThat((String) value).contains("CHANGE-ME"));
    for (Kustomization kustomization : List.of(single, scaled)) {
      assertThat(kustomization.resourcesOfKind("Secret")).isEmpty();
      assertThat(kustomization.filesRead()).doesNotContain(SECRET_TEMPLATE);
    }
    assertThat(allKustomizations()).allSatisfy(kustomization ->
        assertThat(kustomization.spec()).doesNotContainKey("secretGenerator"));
  }

  @Test
  void everyTernVariableInTheManifestsIsAConfigurationKey() throws IOException {
    Set<String> used = new TreeSet<>();
    Set<Path> configCopies = new HashSet<>();
    single.configMaps().values().forEach(configCopies::addAll);
    for (Path file : yamlFiles()) {
      if (!configCopies.contains(file)) {
        YamlFiles.documents(file).forEach(document -> collectTernVariables(document, used));
      }
    }
    assertThat(used).isNotEmpty();
    assertThat(configurationVariables()).containsAll(used);
  }

  @Test
  void serviceLinksAreOffWhenTheirNamesWouldStartWithTern() {
    // Kubernetes gives every pod <SERVICE>_SERVICE_HOST, <SERVICE>_PORT, ... for each Service
    // of the namespace; for a Service named tern those land among Tern's own variables.
    boolean linksWouldBeTern = single.resourcesOfKind("Service").stream()
        .map(service -> ((String) at(service, "metadata", "name")).toUpperCase().replace('-', '_') + "_")
        .anyMatch(prefix -> prefix.startsWith("TERN_"));
    assertThat(linksWouldBeTern).isTrue();
    assertThat(at(podSpec(), "enableServiceLinks")).isEqualTo(false);
  }

  // Lifecycle and scaling

  @Test
  void terminationGraceCoversThePreStopSleepAndTheDrain() {
    List<Object> preStop = listAt(container(), "lifecycle", "preStop", "exec", "command");
    assertThat(preStop).hasSize(2).first().isEqualTo("sleep");
    long sleepMillis = Long.parseLong(String.valueOf(preStop.get(1))) * 1000;
    long graceMillis = ((Number) at(podSpec(), "terminationGracePeriodSeconds")).longValue() * 1000;
    assertThat(sleepMillis).isPositive();
    assertThat(graceMillis).isGreaterThan(sleepMillis + drainMillis());
  }

  @Test
  void oneUnclusteredReplicaReplacedWhole() {
    // Two unclustered pods would each pace every sender, and a starting pod re-queue what
    // another is sending (k8s/README.md, "Replicas and rate limits"): the base never runs two.
    assertThat(literalEnvironment()).doesNotContainKey("TERN_CLUSTER_ENABLED");
    assertThat(at(deployment, "spec", "replicas")).isEqualTo(1);
    assertThat(at(deployment, "spec", "strategy", "type")).isEqualTo("Recreate");
    assertThat(single.resourcesOfKind("HorizontalPodAutoscaler")).isEmpty();
    // With one replica, a budget of minAvailable 1 would block every node drain.
    assertThat(single.resourcesOfKind("PodDisruptionBudget")).isEmpty();
  }

  @Test
  void scaledOverlayAutoscalesAndProtectsTheSameDeployment() {
    assertThat(scaled.only("Deployment")).isEqualTo(deployment);
    String name = (String) at(deployment, "metadata", "name");

    Map<String, Object> autoscaler = scaled.only("HorizontalPodAutoscaler");
    assertThat(autoscaler.get("apiVersion")).isEqualTo("autoscaling/v2");
    assertThat(mapAt(autoscaler, "spec", "scaleTargetRef"))
        .isEqualTo(Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", name));
    int min = (Integer) at(autoscaler, "spec", "minReplicas");
    assertThat(min).isGreaterThanOrEqualTo(2);
    assertThat((Integer) at(autoscaler, "spec", "maxReplicas")).isGreaterThanOrEqualTo(min);
    assertThat(listAt(autoscaler, "spec", "metrics"))
        .anySatisfy(metric -> assertThat(at(metric, "resource", "name")).isEqualTo("cpu"));

    Map<String, Object> budget = scaled.only("PodDisruptionBudget");
    assertThat(budget.get("apiVersion")).isEqualTo("policy/v1");
    assertThat(at(budget, "spec", "minAvailable")).isEqualTo(1);
    assertThat(mapAt(budget, "spec", "selector", "matchLabels")).isNotEmpty();
    assertThat(podLabels()).containsAllEntriesOf(mapAt(budget, "spec", "selector", "matchLabels"));

    assertThat(scaled.patchFiles()).allSatisfy(patch -> {
      Map<String, Object> target = YamlFiles.document(patch);
      assertThat(target.get("kind")).isEqualTo("Deployment");
      assertThat(at(target, "metadata", "name")).isEqualTo(name);
    });
  }

  @Test
  void scaledPodsFormOneClusterThroughTheirHeadlessService() {
    Map<String, Object> patched = scaled.patchFiles().stream()
        .map(YamlFiles::document)
        .filter(patch -> at(patch, "spec", "template", "spec", "containers") != null)
        .findFirst().orElseThrow();
    Object container = listAt(patched, "spec", "template", "spec", "containers").get(0);
    assertThat(at(container, "name")).isEqualTo(at(container(), "name"));
    Map<String, String> env = new LinkedHashMap<>();
    for (Object variable : listAt(container, "env")) {
      Object value = at(variable, "value");
      env.put((String) at(variable, "name"), value == null ? null : String.valueOf(value));
    }
    TernConfig inThePod = ConfigLoader.bind(fileJson(configCopy()), Map.of(
        "TERN_DATABASE_URL", "postgresql://tern@db:5432/tern",
        "TERN_CLUSTER_ENABLED", env.get("TERN_CLUSTER_ENABLED"),
        "TERN_CLUSTER_KUBERNETES_SERVICE_DNS", env.get("TERN_CLUSTER_KUBERNETES_SERVICE_DNS")));
    assertThat(inThePod.cluster().enabled()).isTrue();
    assertThat(at(listAt(container, "env").stream()
        .filter(variable -> "TERN_CLUSTER_HOST".equals(at(variable, "name"))).findFirst().orElseThrow(),
        "valueFrom", "fieldRef", "fieldPath")).isEqualTo("status.podIP");

    // The DNS name is the headless Service's, in the namespace every resource goes to.
    Map<String, Object> headless = scaled.resourcesOfKind("Service").stream()
        .filter(service -> "None".equals(at(service, "spec", "clusterIP")))
        .findFirst().orElseThrow();
    assertThat(inThePod.cluster().kubernetesServiceDns())
        .isEqualTo(at(headless, "metadata", "name") + "." + scaled.namespace() + ".svc.cluster.local");
    assertThat(at(headless, "spec", "publishNotReadyAddresses")).isEqualTo(true);
    assertThat(podLabels()).containsAllEntriesOf(mapAt(headless, "spec", "selector"));

    // Its ports, the container's and the configuration's agree.
    Map<String, Integer> containerPorts = new LinkedHashMap<>();
    for (Object port : listAt(container, "ports")) {
      containerPorts.put((String) at(port, "name"), (Integer) at(port, "containerPort"));
    }
    assertThat(containerPorts).containsEntry("hazelcast", inThePod.cluster().port())
        .containsEntry("event-bus", inThePod.cluster().eventBusPort());
    for (Object port : listAt(headless, "spec", "ports")) {
      assertThat(containerPorts.get((String) at(port, "targetPort"))).as("target of %s", at(port, "name"))
          .isEqualTo(at(port, "port"));
    }
    assertThat(listAt(headless, "spec", "ports")).hasSize(2);
  }

  @Test
  void namespaceResourceIsTheOneEveryResourceGoesTo() {
    assertThat(single.namespace()).isNotBlank();
    assertThat(at(single.only("Namespace"), "metadata", "name")).isEqualTo(single.namespace());
    assertThat(scaled.namespace()).isEqualTo(single.namespace());
  }

  @Test
  void podRunsAsNonRootOnAReadOnlyFilesystemWithAWritableTmp() {
    assertThat(at(podSpec(), "securityContext", "runAsNonRoot")).isEqualTo(true);
    assertThat(at(container(), "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
    assertThat(at(container(), "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
    String tmpVolume = listAt(container(), "volumeMounts").stream()
        .filter(mount -> "/tmp".equals(at(mount, "mountPath")))
        .map(mount -> (String) at(mount, "name")).findFirst().orElseThrow();
    assertThat(volumes()).anySatisfy(volume -> {
      assertThat(at(volume, "name")).isEqualTo(tmpVolume);
      assertThat(at(volume, "emptyDir")).isNotNull();
    });
  }

  // The image

  @Test
  void deploymentRunsTheImageTheReadmeBuilds() throws IOException {
    Matcher build = Pattern.compile("docker build -t (\\S+) \\.").matcher(Files.readString(README));
    Set<String> built = new TreeSet<>();
    while (build.find()) {
      built.add(build.group(1));
    }
    assertThat(built).containsExactly((String) container().get("image"));
  }

  @Test
  void dockerfilePinsItsBaseImagesSizesTheHeapFromTheContainerAndCompilesNoTests() throws IOException {
    List<String> lines = Files.readAllLines(DOCKERFILE);
    List<String> bases = lines.stream().filter(line -> line.startsWith("FROM ")).toList();
    assertThat(bases).hasSize(2).allSatisfy(from ->
        assertThat(from).as("pinned to a full version").matches("FROM \\S+:\\d+\\.\\d+\\.\\d+\\S*( AS \\w+)?"));
    assertThat(instructions(finalStage(lines), "ENV")).anySatisfy(env ->
        assertThat(env).contains("-XX:MaxRAMPercentage="));
    String build = String.join("\n", lines.subList(0, lines.indexOf(bases.get(1))));
    assertThat(build).contains("-Dmaven.test.skip=true").doesNotContain("COPY src ").doesNotContain("src/test");
  }

  @Test
  void dockerfileExposesTheApiPortAndRunsAsTheDeploymentsUser() throws IOException {
    List<String> runStage = finalStage(Files.readAllLines(DOCKERFILE));
    JsonObject cluster = TernConfig.DEFAULTS.getJsonObject("cluster");
    assertThat(instructions(runStage, "EXPOSE")).containsExactly(String.valueOf(apiPort()),
        String.valueOf(cluster.getInteger("port")), String.valueOf(cluster.getInteger("eventBusPort")));
    assertThat(instructions(runStage, "USER")).hasSize(1).first().asString()
        .matches(at(podSpec(), "securityContext", "runAsUser") + "(:.*)?");
    // The ConfigMap is mounted over the directory the image keeps its defaults in.
    String confMount = mountPathOf("conf");
    assertThat(instructions(runStage, "COPY"))
        .anySatisfy(copy -> assertThat(copy).matches("\\S+\\s+" + Pattern.quote(confMount) + "/?"));
  }

  /** Renders both kustomizations with the real kustomize where kubectl is installed. */
  @Test
  void kubectlRendersBothKustomizations() throws Exception {
    assumeThat(onPath("kubectl")).as("kubectl on PATH").isTrue();
    List<Map<String, Object>> rendered = kustomize(K8S);
    Map<String, Object> configMap = ofKind(rendered, "ConfigMap");
    assertThat((String) at(configMap, "metadata", "name")).startsWith("tern-config-");
    Object volume = listAt(ofKind(rendered, "Deployment"), "spec", "template", "spec", "volumes").stream()
        .filter(candidate -> at(candidate, "configMap") != null).findFirst().orElseThrow();
    assertThat(at(volume, "configMap", "name")).isEqualTo(at(configMap, "metadata", "name"));
    assertThat(mapAt(configMap, "data")).containsEntry("tern.yaml", Files.readString(PROJECT_CONFIG));

    List<Map<String, Object>> scaledOut = kustomize(K8S.resolve("scaled"));
    assertThat(mapAt(ofKind(scaledOut, "Deployment"), "spec")).doesNotContainKey("replicas");
    assertThat(at(ofKind(scaledOut, "HorizontalPodAutoscaler"), "metadata", "namespace"))
        .isEqualTo(single.namespace());
  }

  /** Every folder with a kustomization, the examples included, renders with the real kustomize. */
  @Test
  void kubectlRendersEveryKustomizationFolder() throws Exception {
    assumeThat(onPath("kubectl")).as("kubectl on PATH").isTrue();
    for (Kustomization kustomization : allKustomizations()) {
      List<Map<String, Object>> rendered = kustomize(kustomization.dir());
      assertThat(rendered).as("%s renders", kustomization.dir()).isNotEmpty();
    }
  }

  @Test
  void theExamplesAddAnIngressWithTlsAndADatabaseRunByCloudNativePg() throws Exception {
    assumeThat(onPath("kubectl")).as("kubectl on PATH").isTrue();
    Map<String, Object> ingress = ofKind(kustomize(K8S.resolve("examples/ingress-tls")), "Ingress");
    assertThat(listAt(ingress, "spec", "tls")).isNotEmpty();
    assertThat(at(listAt(ingress, "spec", "rules").get(0), "http")).isNotNull();

    List<Map<String, Object>> withDatabase = kustomize(K8S.resolve("examples/cloudnativepg"));
    Map<String, Object> cluster = ofKind(withDatabase, "Cluster");
    assertThat((String) at(cluster, "apiVersion")).startsWith("postgresql.cnpg.io/");
    Object databaseUrl = listAt(listAt(ofKind(withDatabase, "Deployment"),
        "spec", "template", "spec", "containers").get(0), "env").stream()
        .filter(variable -> "TERN_DATABASE_URL".equals(at(variable, "name"))).findFirst().orElseThrow();
    // CloudNativePG names the application Secret <cluster>-app.
    assertThat(at(databaseUrl, "valueFrom", "secretKeyRef", "name"))
        .isEqualTo(at(cluster, "metadata", "name") + "-app");
  }

  @Test
  void theNetworkPolicyOpensTheApiPortToAllAndTheClusterPortsToTernPodsOnly() throws Exception {
    assumeThat(onPath("kubectl")).as("kubectl on PATH").isTrue();
    Map<String, Object> policy = ofKind(kustomize(K8S.resolve("scaled")), "NetworkPolicy");
    List<Object> rules = listAt(policy, "spec", "ingress");
    assertThat(rules).hasSize(2);
    assertThat(at(rules.get(0), "from")).isNull();
    assertThat(at(listAt(rules.get(0), "ports").get(0), "port")).isEqualTo(8080);
    assertThat(at(listAt(rules.get(1), "from").get(0), "podSelector", "matchLabels"))
        .isEqualTo(at(policy, "spec", "podSelector", "matchLabels"));
    assertThat(listAt(rules.get(1), "ports")).extracting(port -> at(port, "port")).containsExactly(5701, 5702);
  }

  // Helpers

  private Map<String, Object> podSpec() {
    return mapAt(deployment, "spec", "template", "spec");
  }

  private Map<String, Object> podLabels() {
    return mapAt(deployment, "spec", "template", "metadata", "labels");
  }

  private Map<String, Object> container() {
    List<Object> containers = listAt(podSpec(), "containers");
    assertThat(containers).hasSize(1);
    return YamlFiles.asMap(containers.get(0), "container");
  }

  private List<Map<String, Object>> volumes() {
    return listAt(podSpec(), "volumes").stream().map(volume -> YamlFiles.asMap(volume, "volume")).toList();
  }

  private String mountPathOf(String volume) {
    return listAt(container(), "volumeMounts").stream()
        .filter(mount -> volume.equals(at(mount, "name")))
        .map(mount -> (String) at(mount, "mountPath")).findFirst()
        .orElseThrow(() -> new AssertionError("volume " + volume + " is not mounted"));
  }

  private int apiPort() {
    return containerPort("http");
  }

  private int containerPort(String name) {
    return listAt(container(), "ports").stream()
        .filter(port -> name.equals(at(port, "name")))
        .map(port -> (Integer) at(port, "containerPort")).findFirst()
        .orElseThrow(() -> new AssertionError("no container port named " + name));
  }

  /** A port as Kubernetes resolves it: a name must be a declared container port, a number too. */
  private int resolvePort(Object port) {
    if (port instanceof String name) {
      return containerPort(name);
    }
    assertThat(listAt(container(), "ports")).as("declared container ports")
        .anySatisfy(declared -> assertThat(at(declared, "containerPort")).isEqualTo(port));
    return (Integer) port;
  }

  /** The container's environment given as literal values (secret references left out). */
  private Map<String, String> literalEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    for (Object variable : listAt(container(), "env")) {
      Object value = at(variable, "value");
      if (value != null) {
        env.put((String) at(variable, "name"), String.valueOf(value));
      }
    }
    return env;
  }

  /** The ConfigMap the Deployment mounts, as its one file. */
  private Path configCopy() {
    String configMap = (String) volumes().stream()
        .map(volume -> at(volume, "configMap", "name")).filter(name -> name != null).findFirst().orElseThrow();
    List<Path> files = single.configMaps().get(configMap);
    assertThat(files).as("files of %s", configMap).hasSize(1);
    return files.get(0);
  }

  private Kustomization generatorOf(String configMap) {
    return allKustomizations().stream()
        .filter(kustomization -> kustomization.ownConfigMaps().containsKey(configMap))
        .findFirst().orElseThrow();
  }

  /** How long Tern drains after SIGTERM, as the pod configures it. */
  private long drainMillis() {
    String variable = ConfigLoader.envName("shutdown.gracePeriodMillis");
    String fromEnv = literalEnvironment().get(variable);
    if (fromEnv != null) {
      return Long.parseLong(fromEnv.trim());
    }
    JsonObject merged = TernConfig.DEFAULTS.copy().mergeIn(fileJson(configCopy()), true);
    return merged.getJsonObject("shutdown", new JsonObject())
        .getLong("gracePeriodMillis", DOCUMENTED_DRAIN_MILLIS);
  }

  private static JsonObject fileJson(Path file) {
    return new JsonObject(Json.encode(YamlFiles.document(file)));
  }

  /** TERN_CONFIG and the variable of every leaf of the built-in configuration. */
  private static Set<String> configurationVariables() {
    Set<String> names = new TreeSet<>();
    names.add("TERN_CONFIG");
    collectLeafVariables(TernConfig.DEFAULTS, "", names);
    return names;
  }

  private static void collectLeafVariables(JsonObject node, String prefix, Set<String> into) {
    for (String key : node.fieldNames()) {
      String path = prefix.isEmpty() ? key : prefix + "." + key;
      if (node.getValue(key) instanceof JsonObject child) {
        collectLeafVariables(child, path, into);
      } else {
        into.add(ConfigLoader.envName(path));
      }
    }
  }

  private static void collectTernVariables(Object node, Set<String> into) {
    if (node instanceof Map<?, ?> map) {
      map.forEach((key, value) -> {
        collectTernVariables(key, into);
        collectTernVariables(value, into);
      });
    } else if (node instanceof List<?> list) {
      list.forEach(item -> collectTernVariables(item, into));
    } else if (node instanceof String text) {
      Matcher matcher = TERN_VARIABLE.matcher(text);
      while (matcher.find()) {
        into.add(matcher.group());
      }
    }
  }

  private List<Kustomization> allKustomizations() {
    try (Stream<Path> files = Files.walk(K8S)) {
      return files.filter(file -> file.getFileName().toString().equals("kustomization.yaml"))
          .map(file -> Kustomization.read(file.getParent())).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> yamlFiles() throws IOException {
    try (Stream<Path> files = Files.walk(K8S)) {
      return files.filter(Files::isRegularFile)
          .filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
          .map(Path::normalize).sorted().toList();
    }
  }

  /** The lines after the last FROM, comments and blank lines dropped, continuations joined. */
  private static List<String> finalStage(List<String> dockerfile) {
    List<String> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : dockerfile) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      instructions.add(current.append(trimmed).toString());
      current.setLength(0);
    }
    int lastFrom = 0;
    for (int i = 0; i < instructions.size(); i++) {
      if (instructions.get(i).toUpperCase().startsWith("FROM ")) {
        lastFrom = i;
      }
    }
    return instructions.subList(lastFrom, instructions.size());
  }

  /** The arguments of every instruction of that kind, one entry per word for EXPOSE. */
  private static List<String> instructions(List<String> stage, String keyword) {
    List<String> arguments = new ArrayList<>();
    for (String instruction : stage) {
      String[] parts = instruction.split("\\s+", 2);
      if (parts[0].equalsIgnoreCase(keyword) && parts.length == 2) {
        if (keyword.equals("EXPOSE")) {
          arguments.addAll(List.of(parts[1].split("\\s+")));
        } else {
          arguments.add(parts[1].strip());
        }
      }
    }
    return arguments;
  }

  private static boolean onPath(String command) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }

  private static List<Map<String, Object>> kustomize(Path dir) throws Exception {
    Process process = new ProcessBuilder("kubectl", "kustomize", dir.toString())
        .redirectErrorStream(true).start();
    String output;
    try (InputStream out = process.getInputStream()) {
      output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("kubectl kustomize %s: %s", dir, output).isZero();
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(output)) {
      documents.add(YamlFiles.asMap(document, "rendered document"));
    }
    return documents;
  }

  private static Map<String, Object> ofKind(List<Map<String, Object>> documents, String kind) {
    return documents.stream().filter(document -> kind.equals(document.get("kind"))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " rendered"));
  }
}
