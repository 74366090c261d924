package dev.containermatrix.backend.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.containermatrix.backend.ChildJvms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store shared by separate JVMs, as two Surefire forks share it, and a JVM killed mid-build.
 */
class LayerStoreProcessesTest {

  @TempDir Path temp;

  @RegisterExtension final ChildJvms children = new ChildJvms();

  @Test
  void twoJvmsPuttingTheSameLayerAtOnceBuildItOnce() throws Exception {
    Path root = temp.resolve("store");
    Path signals = Files.createDirectory(temp.resolve("signals"));
    Process first = start("same-layer", root, signals, "first");
    Process second = start("same-layer", root, signals, "second");
    await()
        .atMost(ChildJvms.TIMEOUT)
        .until(() -> output("first").contains("ready") && output("second").contains("ready"));

    Files.createFile(signals.resolve("go"));
    await()
        .atMost(ChildJvms.TIMEOUT)
        .until(() -> listing(signals).stream().anyMatch(n -> n.startsWith("building-")));
    Path lockFile =
        root.toRealPath().resolve("locks/" + StoreChildMain.sharedLayer().digest().hex() + ".lock");
    long inode = (Long) Files.getAttribute(lockFile, "unix:ino");
    // the other JVM is blocked on the layer's file lock while the first builds
    await()
        .atMost(ChildJvms.TIMEOUT)
        .until(
            () ->
                Files.readAllLines(Path.of("/proc/locks")).stream()
                    .anyMatch(line -> line.contains("->") && line.contains(":" + inode + " ")));
    Files.createFile(signals.resolve("release"));

    assertThat(first.waitFor()).as(output("first")).isZero();
    assertThat(second.waitFor()).as(output("second")).isZero();
    assertThat(listing(signals)).filteredOn(n -> n.startsWith("building-")).hasSize(1);
    List<String> results =
        List.of(
            output("first").lines().reduce((a, b) -> b).orElseThrow(),
            output("second").lines().reduce((a, b) -> b).orElseThrow());
    assertThat(results).filteredOn(r -> r.startsWith("built=true")).hasSize(1);
    assertThat(results).filteredOn(r -> r.startsWith("built=false")).hasSize(1);
    LayerStore store = LayerStore.open(root);
    StoredLayer layer = store.get(StoreChildMain.sharedLayer().digest()).orElseThrow();
    try (Stream<Path> files = Files.walk(layer.directory())) {
      assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(400);
    }
    assertThat(Files.size(layer.directory().resolve("lib/d19/f399"))).isEqualTo(1024);
    assertThat(listing(root.resolve("tmp"))).isEmpty();
  }

  @Test
  void aJvmKilledWhileUnpackingLeavesNoLayerAndTheNextOpenCleansItsWork() throws Exception {
    Path root = temp.resolve("store");
    Path signals = Files.createDirectory(temp.resolve("signals"));
    Process child = start("slow-unpack", root, signals, "killed");
    await().atMost(ChildJvms.TIMEOUT).until(() -> Files.exists(signals.resolve("halfway")));

    child.destroyForcibly();
    child.waitFor();

    assertThat(listing(root.resolve("layers/sha256"))).isEmpty();
    assertThat(listing(root.resolve("tmp"))).hasSize(2);
    try (Stream<Path> debris = Files.walk(root.resolve("tmp"))) {
      assertThat(debris.filter(Files::isRegularFile).count())
          .as("half an unpacked layer")
          .isGreaterThan(100);
    }

    LayerStore.open(root);

    assertThat(listing(root.resolve("tmp"))).isEmpty();
    assertThat(listing(root.resolve("layers/sha256"))).isEmpty();
  }

  private Process start(String mode, Path root, Path signals, String name) throws IOException {
    return children.start(
        temp.resolve(name + ".out"),
        StoreChildMain.class,
        mode,
        root.toString(),
        signals.toString());
  }

  private String output(String name) throws IOException {
    return ChildJvms.output(temp.resolve(name + ".out"));
  }

  private static List<String> listing(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
