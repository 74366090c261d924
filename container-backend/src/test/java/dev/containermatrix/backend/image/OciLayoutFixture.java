package dev.containermatrix.backend.image;

import com.github.luben.zstd.ZstdOutputStream;
import dev.containermatrix.backend.oci.Digest;
import dev.containermatrix.backend.oci.MediaTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Writes hand-made OCI image layouts (and tars of them) the way skopeo and buildx lay them out. */
final class OciLayoutFixture {

  /** A layer to write: its regular files (path → content), in order, and its compression. */
  record LayerSpec(Compression compression, Map<String, String> files) {}

  /** What was written: the manifest's descriptor and the digests involved. */
  record WrittenImage(
      String manifestDigest,
      long manifestSize,
      String configDigest,
      List<String> layerDigests,
      List<String> diffIds) {}

  private OciLayoutFixture() {}

  /** A layer blob as stored, with the digest of its uncompressed tar. */
  record LayerBlob(Compression compression, byte[] stored, String diffId) {}

  static WrittenImage writeImage(Path layout, String architecture, List<LayerSpec> layers)
      throws IOException {
    List<LayerBlob> blobs = new ArrayList<>();
    for (LayerSpec layer : layers) {
      byte[] tar = tar(layer.files());
      blobs.add(
          new LayerBlob(
              layer.compression(), compress(layer.compression(), tar), Digest.of(tar).toString()));
    }
    return writeImageOfBlobs(layout, architecture, blobs);
  }

  static WrittenImage writeImageOfBlobs(Path layout, String architecture, List<LayerBlob> layers)
      throws IOException {
    List<String> layerDigests = new ArrayList<>();
    List<String> diffIds = new ArrayList<>();
    List<String> layerDescriptors = new ArrayList<>();
    for (LayerBlob layer : layers) {
      String digest = writeBlob(layout, layer.stored());
      layerDigests.add(digest);
      diffIds.add(layer.diffId());
      layerDescriptors.add(
          descriptor(layer.compression().ociMediaType(), digest, layer.stored().length));
    }
    String config =
        "{\"architecture\":\""
            + architecture
            + "\",\"os\":\"linux\",\"config\":{\"Env\":[\"PATH=/usr/bin:/bin\",\"GREETING=hi\"]},"
            + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
            + diffIds.stream().map(d -> "\"" + d + "\"").collect(Collectors.joining(","))
            + "]}}";
    byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
    String configDigest = writeBlob(layout, configBytes);
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MediaTypes.OCI_MANIFEST
            + "\",\"config\":"
            + descriptor(
                "application/vnd.oci.image.config.v1+json", configDigest, configBytes.length)
            + ",\"layers\":["
            + String.join(",", layerDescriptors)
            + "]}";
    byte[] manifestBytes = manifest.getBytes(StandardCharsets.UTF_8);
    String manifestDigest = writeBlob(layout, manifestBytes);
    return new WrittenImage(
        manifestDigest, manifestBytes.length, configDigest, layerDigests, diffIds);
  }

  /**
   * Writes {@code oci-layout} and an {@code index.json} with the given manifest entries (JSON
   * objects).
   */
  static void writeIndex(Path layout, String... entries) throws IOException {
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(
        layout.resolve("index.json"),
        "{\"schemaVersion\":2,\"manifests\":[" + String.join(",", entries) + "]}");
  }

  /** An index entry for a manifest, with a platform when {@code architecture} is not null. */
  static String entry(WrittenImage image, String architecture, String refName) {
    return "{\"mediaType\":\""
        + MediaTypes.OCI_MANIFEST
        + "\",\"digest\":\""
        + image.manifestDigest()
        + "\",\"size\":"
        + image.manifestSize()
        + (architecture == null
            ? ""
            : ",\"platform\":{\"os\":\"linux\",\"architecture\":\"" + architecture + "\"}")
        + (refName == null
            ? ""
            : ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + refName + "\"}")
        + "}";
  }

  static String descriptor(String mediaType, String digest, long size) {
    return "{\"mediaType\":\""
        + mediaType
        + "\",\"digest\":\""
        + digest
        + "\",\"size\":"
        + size
        + "}";
  }

  static String writeBlob(Path layout, byte[] bytes) throws IOException {
    String digest = Digest.of(bytes).toString();
    Path path = layout.resolve(Digest.parse(digest).layoutPath());
    Files.createDirectories(path.getParent());
    Files.write(path, bytes);
    return digest;
  }

  /** A tar of regular files, in the given order, with fixed mtimes. */
  static byte[] tar(Map<String, String> files) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, String> file : files.entrySet()) {
        byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
        entry.setSize(content.length);
        entry.setModTime(0);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  static byte[] compress(Compression compression, byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream compressing =
        switch (compression) {
          case NONE -> out;
          case GZIP -> new GZIPOutputStream(out);
          case ZSTD -> new ZstdOutputStream(out);
        }) {
      compressing.write(bytes);
    }
    return out.toByteArray();
  }

  /**
   * Packs every file under {@code directory} into {@code tarFile} (paths relative to it), plus the
   * given links (name → target).
   */
  static Path tarDirectory(Path directory, Path tarFile, Map<String, String> symlinks)
      throws IOException {
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(tarFile));
        Stream<Path> walk = Files.walk(directory)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        TarArchiveEntry entry = new TarArchiveEntry(file, directory.relativize(file).toString());
        tar.putArchiveEntry(entry);
        Files.copy(file, tar);
        tar.closeArchiveEntry();
      }
      for (Map.Entry<String, String> link : symlinks.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(link.getKey(), TarArchiveEntry.LF_SYMLINK);
        entry.setLinkName(link.getValue());
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
      }
    }
    return tarFile;
  }

  /** The entries of a tar stream, name → content. */
  static Map<String, String> entries(InputStream tarStream) throws IOException {
    Map<String, String> result = new LinkedHashMap<>();
    try (var tar = new TarArchiveInputStream(tarStream)) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        result.put(
            entry.getName(),
            entry.isFile() ? new String(tar.readAllBytes(), StandardCharsets.UTF_8) : "");
      }
    }
    return result;
  }

  /** Flips one byte of a file. */
  static void flipByte(Path file, long position) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[(int) position] ^= 0x01;
    Files.write(file, bytes);
  }
}
