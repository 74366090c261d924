package dev.containermatrix.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containermatrix.backend.layers.LayerStore;
import dev.containermatrix.backend.layers.ReproducibleLayer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's layer images follow the layer store's retention, against the real engine: images
 * built by {@link LayerImages} from a layer store of this test's, and images committed here with
 * our labels. Each test narrows the retention to its own images (by store or run label) except
 * where it shows what the real scope never touches. Everything made here is removed after each
 * test.
 */
@Tag("docker")
class DockerLayerImageRetentionTest {
  private static final Duration THIRTY_DAYS = Duration.ofDays(30);

  @TempDir Path work;
  private final String run = "retain-" + UUID.randomUUID().toString().substring(0, 8);
  private final String shell = "cmtest/retain-shell:" + run;
  private DockerApi docker;
  private LayerStore store;
  private LayerImages images;
  private String root;
  private boolean rootExisted;

  @BeforeEach
  void engine() throws Exception {
    docker = DockerTestImages.requireEngine();
    DockerTestImages.importShellImage(work, shell, run);
    store = LayerStore.open(work.resolve("store"));
    images = new LayerImages(docker, Files.createDirectories(work.resolve("scratch")));
    root =
        ContainerLayout.LAYERS_REPOSITORY
            + ":root-"
            + LayerImages.rootLayer(false).digest().hex().substring(0, 24);
    rootExisted = exists(root);
  }

  @AfterEach
  void clean() throws Exception {
    if (docker == null) {
      return;
    }
    String shellId = docker.inspectImage(shell).id();
    for (ContainerSummary container :
        docker.listContainers(List.of(DockerTestImages.LABEL + ".run=" + run))) {
      docker.removeContainer(container.id());
    }
    for (ImageDetails committed :
        docker.listImages(List.of(DockerTestImages.LABEL + ".run=" + run))) {
      if (!committed.id().equals(shellId)) {
        docker.removeImage(committed.id(), true);
      }
    }
    DockerTestImages.removeRun(docker, run);
    List<ImageDetails> built =
        docker.listImages(List.of(ContainerLayout.LAYER_STORE_LABEL + "=" + layersDirectory()));
    for (ImageDetails image :
        built.stream()
            .sorted(Comparator.comparingInt(DockerLayerImageRetentionTest::chainLength).reversed())
            .toList()) {
      docker.removeImage(image.id(), true);
    }
    if (!rootExisted) {
      docker.removeImage(root, false);
    }
  }

  @Test
  void anImageWhoseLayerLeftTheStoreIsRemovedWithTheImagesAboveIt() throws Exception {
    Path a = layer("a");
    Path b = layer("b");
    String lower = images.imageOf(false, List.of(a));
    String upper = images.imageOf(false, List.of(a, b));
    assertThat(store.retain(Duration.ZERO)).hasSize(2);

    LayerImageRetention.Result result = ofThisStore(Clock.systemUTC()).apply(THIRTY_DAYS);

    assertThat(result.failures()).isEmpty();
    assertThat(result.removed()).containsExactlyInAnyOrder(lower, upper);
    assertThat(exists(lower)).isFalse();
    assertThat(exists(upper)).isFalse();
    assertThat(exists(root)).as("the root image is kept").isTrue();
  }

  @Test
  void anImageWhoseLayersAreAllInTheStoreStaysAndItsLabelsNameThem() throws Exception {
    Path a = layer("a");
    Path b = layer("b");
    String upper = images.imageOf(false, List.of(a, b));

    LayerImageRetention.Result result = ofThisStore(Clock.systemUTC()).apply(Duration.ZERO);

    assertThat(result.removed()).isEmpty();
    assertThat(result.failures()).isEmpty();
    assertThat(LayerChain.from(docker.inspectImage(upper).labels()))
        .contains(
            new LayerChain(
                layersDirectory(),
                List.of(
                    a.getFileName().toString().substring(0, LayerChain.ID_LENGTH),
                    b.getFileName().toString().substring(0, LayerChain.ID_LENGTH))));
  }

  @Test
  void aUsersImageIsNeverRemovedWithoutOurLabelOutsideOurRepositoryOrByItsOwnName()
      throws Exception {
    String unlabelled = ContainerLayout.LAYERS_REPOSITORY + ":user-" + run;
    commitFromShell(unlabelled, Map.of());
    String lookalike = "cmtest/retain-lookalike:" + run;
    commitFromShell(lookalike, oursWithMissingLayer());
    String ours = images.imageOf(false, List.of(layer("a")));
    docker.tagImage(ours, "cmtest/retain-copy", run);
    String copy = "cmtest/retain-copy:" + run;
    store.retain(Duration.ZERO);

    LayerImageRetention.Result result =
        new LayerImageRetention(docker, LayerImageRetention.OURS, Clock.systemUTC())
            .apply(THIRTY_DAYS);

    assertThat(result.removed()).contains(ours).doesNotContain(unlabelled, lookalike, copy);
    assertThat(exists(ours)).isFalse();
    assertThat(exists(unlabelled)).isTrue();
    assertThat(exists(lookalike)).isTrue();
    assertThat(exists(copy)).as("the user's name for one of our images").isTrue();
  }

  @Test
  void anImageWhoseStoreIsGoneIsRemoved() throws Exception {
    String orphan = ContainerLayout.LAYERS_REPOSITORY + ":test-orphan-" + run;
    Map<String, String> labels = new HashMap<>();
    labels.put(ContainerLayout.LAYERS_LABEL, "0123456789abcdef");
    labels.put(ContainerLayout.LAYER_STORE_LABEL, work.resolve("gone/layers/sha256").toString());
    labels.put(ContainerLayout.LAYER_CHAIN_LABEL, "0123456789abcdef");
    commitFromShell(orphan, labels);

    LayerImageRetention.Result result =
        new LayerImageRetention(docker, thisRun(), Clock.systemUTC()).apply(THIRTY_DAYS);

    assertThat(result.removed()).containsExactly(orphan);
    assertThat(exists(orphan)).isFalse();
  }

  @Test
  void anImageARunningContainerUsesStaysAndNoExceptionEscapes() throws Exception {
    String inUse = ContainerLayout.LAYERS_REPOSITORY + ":test-in-use-" + run;
    commitFromShell(inUse, oursWithMissingLayer());
    ObjectNode config = EngineJson.MAPPER.createObjectNode();
    config.put("Image", inUse);
    config.putArray("Cmd").add("/bin/sleep").add("60");
    config.putObject("Labels").put(DockerTestImages.LABEL + ".run", run);
    config.putObject("HostConfig").put("NetworkMode", "none");
    docker.startContainer(docker.createContainer(null, config));

    LayerImageRetention retention = ofThisStore(Clock.systemUTC());
    LayerImageRetention.Result[] result = new LayerImageRetention.Result[1];
    assertThatCode(() -> result[0] = retention.apply(THIRTY_DAYS)).doesNotThrowAnyException();

    assertThat(result[0].removed()).isEmpty();
    assertThat(result[0].failures())
        .singleElement()
        .asString()
        .contains("could not remove image " + inUse, "409");
    assertThat(exists(inUse)).isTrue();
  }

  @Test
  void anImageOfOursWithoutAChainIsRemovedOnceOlderThanTheStoreRetention() throws Exception {
    String legacy = ContainerLayout.LAYERS_REPOSITORY + ":test-legacy-" + run;
    commitFromShell(legacy, Map.of(ContainerLayout.LAYERS_LABEL, "0123456789abcdef"));

    LayerImageRetention.Result young =
        new LayerImageRetention(docker, thisRun(), Clock.systemUTC()).apply(THIRTY_DAYS);
    Clock in31Days = Clock.fixed(Instant.now().plus(Duration.ofDays(31)), ZoneOffset.UTC);
    LayerImageRetention.Result old =
        new LayerImageRetention(docker, thisRun(), in31Days).apply(THIRTY_DAYS);

    assertThat(young.removed()).isEmpty();
    assertThat(old.removed()).containsExactly(legacy);
    assertThat(exists(legacy)).isFalse();
  }

  /** The retention of the images whose chains are in this test's store. */
  private LayerImageRetention ofThisStore(Clock clock) {
    return new LayerImageRetention(
        docker,
        List.of(
            ContainerLayout.LAYERS_LABEL,
            ContainerLayout.LAYER_STORE_LABEL + "=" + layersDirectory()),
        clock);
  }

  /** The retention of our images that carry this run's test label. */
  private List<String> thisRun() {
    return List.of(ContainerLayout.LAYERS_LABEL, DockerTestImages.LABEL + ".run=" + run);
  }

  /** Our labels, with a chain in this test's store naming a layer it does not have. */
  private Map<String, String> oursWithMissingLayer() {
    Map<String, String> labels = new HashMap<>();
    labels.put(ContainerLayout.LAYERS_LABEL, "0123456789abcdef");
    labels.put(ContainerLayout.LAYER_STORE_LABEL, layersDirectory().toString());
    labels.put(ContainerLayout.LAYER_CHAIN_LABEL, "0123456789abcdef");
    return labels;
  }

  /** Commits a container of the shell image (which has this run's label) as {@code name}. */
  private void commitFromShell(String name, Map<String, String> labels) throws Exception {
    ObjectNode config = EngineJson.MAPPER.createObjectNode();
    config.put("Image", shell);
    config.putArray("Cmd").add("/bin/true");
    config.putObject("Labels").put(DockerTestImages.LABEL + ".run", run);
    config.putObject("HostConfig").put("NetworkMode", "none");
    String container = docker.createContainer(null, config);
    try {
      String[] parts = name.split(":", 2);
      docker.commitContainer(container, parts[0], parts[1], labels);
    } finally {
      docker.removeContainer(container);
    }
  }

  private Path layer(String content) throws Exception {
    return store
        .put(
            ReproducibleLayer.builder()
                .addFile(content + ".txt", (content + run).getBytes(StandardCharsets.UTF_8), false)
                .build())
        .directory();
  }

  /** Where this test's store keeps its layer directories. */
  private Path layersDirectory() {
    return store.root().resolve("layers").resolve("sha256");
  }

  private boolean exists(String image) throws Exception {
    try {
      docker.inspectImage(image);
      return true;
    } catch (DockerEngineException e) {
      if (e.isNotFound()) {
        return false;
      }
      throw e;
    }
  }

  private static int chainLength(ImageDetails image) {
    return LayerChain.from(image.labels()).map(c -> c.ids().size()).orElse(0);
  }
}
