package dev.containermatrix.backend.archive;

import dev.containermatrix.backend.layers.LayerStore;
import dev.containermatrix.backend.layers.ReproducibleLayer;
import dev.containermatrix.backend.layers.StoredLayer;
import dev.containermatrix.backend.oci.Descriptor;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

/** Layers in a real store and runs in a real archive, for the archive's tests. */
final class ArchiveFixture {

  final LayerStore store;
  final RunArchive archive;

  ArchiveFixture(LayerStore store, RunArchive archive) {
    this.store = store;
    this.archive = archive;
  }

  static ArchiveFixture open(Path work) throws IOException {
    return new ArchiveFixture(
        LayerStore.open(work.resolve("store")), RunArchive.open(work.resolve("archive")));
  }

  /**
   * A stored layer of one file of {@code size} pseudo-random bytes (seeded, so equal seeds give
   * equal layers).
   */
  StoredLayer randomLayer(String path, int size, long seed) throws IOException {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return store.put(ReproducibleLayer.builder().addFile(path, bytes, false).build());
  }

  StoredLayer textLayer(String path, String content) throws IOException {
    return store.put(
        ReproducibleLayer.builder()
            .addFile(path, content.getBytes(StandardCharsets.UTF_8), false)
            .build());
  }

  /** Archives the layers and an image of them whose Cmd is {@code cmd}. */
  Descriptor image(List<StoredLayer> layers, String... cmd) throws IOException {
    List<Descriptor> blobs = new ArrayList<>();
    for (StoredLayer layer : layers) {
      blobs.add(archive.writer().addLayer(layer));
    }
    return archive
        .writer()
        .addImage(
            new ImageSpec(
                blobs,
                List.of("PATH=/usr/bin:/bin"),
                List.of(cmd),
                "/",
                Map.of("dev.containermatrix.test", "yes"),
                runtimeConfig(cmd)));
  }

  static byte[] runtimeConfig(String... cmd) {
    return OciRuntimeConfig.json(
        List.of(cmd),
        List.of("PATH=/usr/bin:/bin"),
        "/",
        "variant",
        OptionalLong.of(256L << 20),
        Optional.of(1.0),
        OptionalLong.of(128),
        OptionalLong.of(1024),
        Optional.empty());
  }

  /** Commits a run with a small record. */
  ArchivedRun commit(String runId, Instant created, Map<String, Descriptor> variants)
      throws IOException {
    Descriptor record =
        archive
            .writer()
            .addBlob(
                ("{\"run\":\"" + runId + "\"}").getBytes(StandardCharsets.UTF_8),
                RunArchive.RECORD_MEDIA_TYPE);
    archive.writer().commitRun(runId, created, record, variants);
    return archive.reader().run(runId).orElseThrow();
  }

  Path blobFile(dev.containermatrix.backend.oci.Digest digest) {
    return blobFile(digest.toString());
  }

  Path blobFile(String digest) {
    return archive
        .directory()
        .resolve("blobs/sha256")
        .resolve(digest.substring("sha256:".length()));
  }

  static void flipByte(Path file, long position) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(position);
      int b = raf.read();
      raf.seek(position);
      raf.write(b ^ 0xff);
    }
  }

  static String sha256(Path file) throws Exception {
    return "sha256:"
        + HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
