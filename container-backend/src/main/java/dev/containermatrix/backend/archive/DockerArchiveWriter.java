package dev.containermatrix.backend.archive;

import dev.containermatrix.backend.oci.Descriptor;
import dev.containermatrix.backend.oci.DockerManifestEntry;
import dev.containermatrix.backend.oci.OciDocuments;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes one archived variant as a classic {@code docker save} archive, the format Docker 20.10's
 * {@code docker load} (and {@code podman load}) accepts: {@code manifest.json}, {@code
 * repositories}, {@code <config hex>.json} and {@code <layer hex>/layer.tar} per distinct layer.
 * Every blob is checked against its digest as it is copied; the tar is written to a temp file next
 * to the target and renamed into place only when all of it checked out.
 */
final class DockerArchiveWriter {

  private final ArchiveBlobs blobs;

  DockerArchiveWriter(ArchiveBlobs blobs) {
    this.blobs = blobs;
  }

  /**
   * The repository:tag an exported variant is loaded as: {@code containermatrix/<variant>:<run>},
   * sanitized for Docker.
   */
  static String tag(String runId, String variantId) {
    String repository =
        variantId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    String tag = runId.replaceAll("[^A-Za-z0-9_.-]", "_");
    return "containermatrix/"
        + (repository.isEmpty() ? "variant" : repository)
        + ":"
        + (tag.startsWith(".") || tag.startsWith("-") ? "_" + tag.substring(1) : tag);
  }

  void write(ArchivedImageView image, String tag, Path tarFile) throws IOException {
    Path temp = tarFile.resolveSibling(tarFile.getFileName() + ".tmp");
    try {
      try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp), 64 * 1024);
          TarArchiveOutputStream tar =
              new TarArchiveOutputStream(file, StandardCharsets.UTF_8.name())) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        String configName = image.config().digest().hex() + ".json";
        copyBlob(tar, configName, image.config());
        Set<String> written = new LinkedHashSet<>();
        List<String> layerNames = new ArrayList<>();
        for (Descriptor layer : image.layers()) {
          String directory = layer.digest().hex();
          if (written.add(directory)) {
            addDirectory(tar, directory + "/");
            addBytes(tar, directory + "/VERSION", "1.0".getBytes(StandardCharsets.UTF_8));
            copyBlob(tar, directory + "/layer.tar", layer);
          }
          layerNames.add(directory + "/layer.tar");
        }
        DockerManifestEntry entry = new DockerManifestEntry(configName, List.of(tag), layerNames);
        addBytes(tar, "manifest.json", OciDocuments.write(List.of(entry)));
        if (!image.layers().isEmpty()) {
          int colon = tag.lastIndexOf(':');
          String top = image.layers().get(image.layers().size() - 1).digest().hex();
          Map<String, Map<String, String>> repositories =
              Map.of(tag.substring(0, colon), Map.of(tag.substring(colon + 1), top));
          addBytes(tar, "repositories", OciDocuments.write(repositories));
        }
        tar.finish();
      }
      Files.move(
          temp, tarFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private void copyBlob(TarArchiveOutputStream tar, String name, Descriptor blob)
      throws IOException {
    TarArchiveEntry entry = entry(name);
    entry.setSize(blob.size());
    tar.putArchiveEntry(entry);
    // at most the declared size goes into the entry; closing the blob reads any rest and checks it
    // all, so a
    // truncated or longer blob is reported as such before the tar could complain about a short
    // entry
    try (InputStream in = blobs.open(blob.digest(), blob.size())) {
      byte[] buffer = new byte[64 * 1024];
      long remaining = blob.size();
      while (remaining > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
        if (n < 0) {
          break;
        }
        tar.write(buffer, 0, n);
        remaining -= n;
      }
    }
    tar.closeArchiveEntry();
  }

  private static void addDirectory(TarArchiveOutputStream tar, String name) throws IOException {
    TarArchiveEntry entry = entry(name);
    entry.setMode(040755);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }

  private static void addBytes(TarArchiveOutputStream tar, String name, byte[] bytes)
      throws IOException {
    TarArchiveEntry entry = entry(name);
    entry.setSize(bytes.length);
    tar.putArchiveEntry(entry);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }

  private static TarArchiveEntry entry(String name) {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setModTime(1000L);
    entry.setIds(0, 0);
    return entry;
  }
}
