package dev.containermatrix.backend.layers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.linux.LinuxCalls;
import dev.containermatrix.backend.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerStoreTest {

  @TempDir Path root;

  @Test
  void storesALayerAndGetsItBack() throws Exception {
    LayerStore store = LayerStore.open(root);
    ReproducibleLayer layer = sampleLayer("one");

    StoredLayer stored = store.put(layer);

    assertThat(stored.built()).isTrue();
    assertThat(stored.digest()).isEqualTo(layer.digest());
    assertThat(stored.directory())
        .isEqualTo(root.toRealPath().resolve("layers/sha256/" + stored.digest().hex()));
    assertThat(stored.sizeBytes()).isEqualTo(tar(layer).length);
    assertThat(stored.overlayConvention()).isEqualTo(OverlayConvention.NONE);
    assertThat(Files.readString(stored.directory().resolve("app/config.txt"))).isEqualTo("one");
    assertThat(Files.readSymbolicLink(stored.directory().resolve("app/current")))
        .isEqualTo(Path.of("lib/a.jar"));
    assertThat(Files.getAttribute(stored.directory().resolve("app/bin/run"), "unix:mode"))
        .isEqualTo(0100755);
    assertThat(Files.getAttribute(stored.directory().resolve("app/lib"), "unix:mode"))
        .isEqualTo(040755);
    assertThat(Files.getLastModifiedTime(stored.directory().resolve("app/config.txt")).toMillis())
        .isEqualTo(1000L);
    assertThat(Files.readString(root.resolve("layers/sha256/" + stored.digest().hex() + ".json")))
        .contains(
            "\"digest\" : \"" + stored.digest() + "\"",
            "\"sizeBytes\" : " + stored.sizeBytes(),
            "\"overlayConvention\" : \"NONE\"");

    assertThat(store.get(stored.digest()))
        .contains(
            new StoredLayer(
                stored.digest(),
                stored.directory(),
                stored.sizeBytes(),
                false,
                OverlayConvention.NONE));
    assertThat(store.get(sampleLayer("other").digest())).isEmpty();
    assertThat(children(root.resolve("tmp"))).isEmpty();
  }

  @Test
  void opensItsRootPrivate() throws Exception {
    Files.setPosixFilePermissions(
        root, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));

    LayerStore store = LayerStore.open(root);

    assertThat(Files.getAttribute(root, "unix:mode")).isEqualTo(040700);
    assertThat(store.notPrivate()).isEmpty();
  }

  @Test
  void secondPutFindsTheLayerAndDoesNotReadTheStream() throws Exception {
    LayerStore store = LayerStore.open(root);
    ReproducibleLayer layer = sampleLayer("one");
    StoredLayer first = store.put(layer);
    InputStream unreadable =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("the stream of a stored layer must not be read");
          }
        };

    StoredLayer again = store.put(first.digest(), unreadable);
    StoredLayer rebuilt = store.put(layer);
    StoredLayer unknownDigest = store.put(null, new ByteArrayInputStream(tar(layer)));

    assertThat(List.of(again, rebuilt, unknownDigest))
        .allSatisfy(
            layerAgain -> {
              assertThat(layerAgain.built()).isFalse();
              assertThat(layerAgain.directory()).isEqualTo(first.directory());
            });
    assertThat(children(root.resolve("tmp"))).isEmpty();
  }

  @Test
  void putOfAnUnknownDigestLearnsItFromTheTar() throws Exception {
    LayerStore store = LayerStore.open(root);
    byte[] tar = new TestTars().file("etc/motd", "hello\n").toBytes();

    StoredLayer stored = store.put(null, new ByteArrayInputStream(tar));

    assertThat(stored.built()).isTrue();
    assertThat(stored.digest()).isEqualTo(Digest.of(tar));
    assertThat(stored.sizeBytes()).isEqualTo(tar.length);
    assertThat(Files.readString(stored.directory().resolve("etc/motd"))).isEqualTo("hello\n");
  }

  @Test
  void rejectsContentThatDoesNotMatchTheExpectedDigestNamingBoth() throws Exception {
    LayerStore store = LayerStore.open(root);
    byte[] tar = tar(sampleLayer("actual"));
    Digest actual = Digest.of(tar);
    Digest expected = sampleLayer("expected").digest();

    assertThatThrownBy(() -> store.put(expected, new ByteArrayInputStream(tar)))
        .isInstanceOf(LayerStoreException.class)
        .hasMessage(
            "layer "
                + expected
                + " does not match its content: the tar read has digest "
                + actual
                + " ("
                + tar.length
                + " bytes), so its source is damaged or changed since its manifest was written;"
                + " fetch or export the image again. Nothing was stored");
    assertThat(children(root.resolve("layers/sha256"))).isEmpty();
    assertThat(children(root.resolve("tmp"))).isEmpty();
  }

  @Test
  void refusesEntriesThatLeaveTheLayerAndStoresNothing() throws Exception {
    LayerStore store = LayerStore.open(root);

    assertThatThrownBy(
            () ->
                store.put(
                    null,
                    new ByteArrayInputStream(
                        new TestTars().file("ok", "x").file("../../etc/passwd", "evil").toBytes())))
        .isInstanceOf(LayerStoreException.class)
        .hasMessage(
            "refusing layer tar entry \"../../etc/passwd\": it contains '..', which would leave the"
                + " layer; the tar is malformed or hostile, and nothing of it was stored");
    assertThatThrownBy(
            () ->
                store.put(
                    null,
                    new ByteArrayInputStream(new TestTars().file("/etc/passwd", "evil").toBytes())))
        .hasMessage(
            "refusing layer tar entry \"/etc/passwd\": it is absolute; paths in a layer are"
                + " relative to its root; the tar is malformed or hostile, and nothing of it was"
                + " stored");
    assertThatThrownBy(
            () ->
                store.put(
                    null,
                    new ByteArrayInputStream(
                        new TestTars().hardLink("shadow", "../../etc/shadow").toBytes())))
        .hasMessage(
            "refusing layer tar entry \"shadow\": it is a hard link to ../../etc/shadow, outside"
                + " the layer: it contains '..', which would leave the layer; the tar is malformed"
                + " or hostile, and nothing of it was stored");
    assertThatThrownBy(
            () ->
                store.put(
                    null,
                    new ByteArrayInputStream(
                        new TestTars().hardLink("passwd", "etc/passwd").toBytes())))
        .hasMessage(
            "refusing layer tar entry \"passwd\": it is a hard link to etc/passwd, which is not a"
                + " regular file earlier in this layer; the tar is malformed or hostile, and"
                + " nothing of it was stored");
    Path outside = Files.createDirectories(root.resolveSibling(root.getFileName() + "-outside"));
    try {
      refusesAnEntryUnderASymlinkOfTheSameLayer(store, outside);
    } finally {
      Files.delete(outside); // beside the temp directory, so JUnit would leave it behind
    }
    assertThat(children(root.resolve("layers/sha256"))).isEmpty();
    assertThat(children(root.resolve("tmp"))).isEmpty();
  }

  private static void refusesAnEntryUnderASymlinkOfTheSameLayer(LayerStore store, Path outside)
      throws IOException {
    assertThatThrownBy(
            () ->
                store.put(
                    null,
                    new ByteArrayInputStream(
                        new TestTars()
                            .symlink("escape", outside.toString())
                            .file("escape/planted", "evil")
                            .toBytes())))
        .hasMessage(
            "refusing layer tar entry \"escape/planted\": it lies under escape, a symlink of the"
                + " same layer, so writing it would follow the link; the tar is malformed or"
                + " hostile, and nothing of it was stored");

    assertThat(children(outside)).isEmpty();
  }

  @Test
  void unpacksHardLinksAndLaterEntriesReplacingEarlierOnes() throws Exception {
    LayerStore store = LayerStore.open(root);
    byte[] tar =
        new TestTars()
            .file("bin/tool", "v1")
            .file("bin/tool", "v2")
            .hardLink("bin/alias", "bin/tool")
            .directory("./opt")
            .toBytes();

    StoredLayer stored = store.put(null, new ByteArrayInputStream(tar));

    assertThat(Files.readString(stored.directory().resolve("bin/tool"))).isEqualTo("v2");
    assertThat(Files.getAttribute(stored.directory().resolve("bin/alias"), "unix:ino"))
        .isEqualTo(Files.getAttribute(stored.directory().resolve("bin/tool"), "unix:ino"));
    assertThat(stored.directory().resolve("opt")).isDirectory();
  }

  @Test
  void threadsPuttingTheSameLayerBuildItOnce() throws Exception {
    LayerStore store = LayerStore.open(root);
    LayerStore sameRootAgain = LayerStore.open(root);
    ReproducibleLayer layer = sampleLayer("shared");
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Callable<StoredLayer>> puts =
          List.of(
              () -> store.put(layer),
              () -> sameRootAgain.put(layer),
              () -> store.put(null, new ByteArrayInputStream(tar(layer))),
              () -> sameRootAgain.put(layer));
      List<StoredLayer> results =
          threads.invokeAll(puts).stream().map(LayerStoreTest::join).toList();

      assertThat(results).filteredOn(StoredLayer::built).hasSize(1);
      assertThat(results)
          .extracting(StoredLayer::directory)
          .containsOnly(results.get(0).directory());
    } finally {
      threads.shutdownNow();
    }
    assertThat(children(root.resolve("tmp"))).isEmpty();
  }

  @Test
  void retainRemovesLayersUnusedForTheGivenTimeAndKeepsRecentOnes() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    LinuxCalls calls = LinuxCalls.system();
    LayerStore store =
        LayerStore.open(
            root, calls, OverlayWhiteouts.forThisProcess(calls), clock, BuildListener.NONE);
    StoredLayer old = store.put(sampleLayer("old"));
    StoredLayer usedLater = store.put(sampleLayer("used later"));
    clock.now = Instant.parse("2026-01-09T00:00:00Z");
    StoredLayer fresh = store.put(sampleLayer("fresh"));
    assertThat(store.get(usedLater.digest())).isPresent();
    clock.now = Instant.parse("2026-01-10T00:00:00Z");

    List<StoredLayer> freed = store.retain(Duration.ofDays(7));

    assertThat(freed)
        .containsExactly(
            new StoredLayer(
                old.digest(), old.directory(), old.sizeBytes(), false, OverlayConvention.NONE));
    assertThat(old.directory()).doesNotExist();
    assertThat(root.resolve("layers/sha256/" + old.digest().hex() + ".json")).doesNotExist();
    assertThat(store.get(old.digest())).isEmpty();
    assertThat(store.get(fresh.digest())).isPresent();
    assertThat(store.get(usedLater.digest())).isPresent();
    assertThat(children(root.resolve("tmp"))).isEmpty();
  }

  @Test
  void retainSkipsALayerWhoseLockIsHeld() throws Exception {
    LayerStore store = LayerStore.open(root);
    StoredLayer layer = store.put(sampleLayer("busy"));

    try (StoreLock held =
        StoreLock.acquire(root.toRealPath().resolve("locks/" + layer.digest().hex() + ".lock"))) {
      assertThat(store.retain(Duration.ZERO)).isEmpty();
    }
    assertThat(layer.directory()).isDirectory();
    assertThat(store.retain(Duration.ZERO))
        .extracting(StoredLayer::digest)
        .containsExactly(layer.digest());
  }

  @Test
  void namesWhatToDeleteWhenARecordIsMissing() throws Exception {
    LayerStore store = LayerStore.open(root);
    StoredLayer layer = store.put(sampleLayer("damaged"));
    Path record = root.toRealPath().resolve("layers/sha256/" + layer.digest().hex() + ".json");
    Files.delete(record);

    assertThatThrownBy(() -> store.get(layer.digest()))
        .isInstanceOf(LayerStoreException.class)
        .hasMessage(
            "the layer store is damaged: layer directory "
                + layer.directory()
                + " has no record "
                + record
                + "; delete "
                + layer.directory()
                + " and the layer is unpacked again when next needed");
  }

  @Test
  void cleanTempKeepsLiveWorkAndRemovesDeadWork() throws Exception {
    LayerStore store = LayerStore.open(root);
    Path tmp = root.toRealPath().resolve("tmp");
    Files.createDirectories(tmp.resolve("dead-without-lock/sub"));
    // several, so that the listing surely yields some lock before its directory and some after
    for (int i = 0; i < 10; i++) {
      Files.createDirectories(tmp.resolve("dead-with-free-lock-" + i + "/sub"));
      Files.createFile(tmp.resolve("dead-with-free-lock-" + i + ".lock"));
    }

    try (TempWork live = TempWork.create(tmp)) {
      assertThat(store.cleanTemp()).isEqualTo(21);
      assertThat(children(tmp))
          .containsExactlyInAnyOrder(
              live.directory().getFileName().toString(), live.directory().getFileName() + ".lock");
    }
    assertThat(children(tmp)).isEmpty();
  }

  static ReproducibleLayer sampleLayer(String config) {
    return ReproducibleLayer.builder()
        .addFile("app/config.txt", config.getBytes(UTF_8), false)
        .addFile("app/lib/a.jar", new byte[] {1, 2, 3}, false)
        .addFile("app/bin/run", "#!/bin/sh\n".getBytes(UTF_8), true)
        .addSymlink("app/current", "lib/a.jar")
        .build();
  }

  static byte[] tar(ReproducibleLayer layer) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    layer.writeTo(bytes);
    return bytes.toByteArray();
  }

  static List<String> children(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static <T> T join(Future<T> future) {
    try {
      return future.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
