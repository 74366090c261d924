package dev.containermatrix.backend.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.layers.LayerStore;
import dev.containermatrix.backend.layers.ReproducibleLayer;
import dev.containermatrix.backend.layers.StoredLayer;
import dev.containermatrix.backend.linux.LinuxCalls;
import dev.containermatrix.backend.oci.Descriptor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stored layer with whiteouts and an opaque directory, archived and imported into a fresh store.
 */
class LayerRetarTest {

  @TempDir Path work;

  @Test
  void aLayerWithWhiteoutsAndAnOpaqueDirectoryComesBackAsTheSameTree() throws Exception {
    LinuxCalls calls = LinuxCalls.system();
    HostRequirements.require(
        calls.isSupported(), "whiteouts in overlay form need the JNA-bound Linux calls");
    ArchiveFixture fixture = ArchiveFixture.open(work);
    StoredLayer original = fixture.store.put(null, new ByteArrayInputStream(foreignTar()));

    Descriptor blob = fixture.archive.writer().addLayer(original);
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(
            Files.newInputStream(fixture.blobFile(blob.digest().toString())))) {
      Map<String, String> entries = new TreeMap<>();
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        entries.put(
            e.getName(), e.getLongUserId() + ":" + Integer.toOctalString(e.getMode() & 07777));
      }
      assertThat(entries)
          .containsEntry("etc/.wh.removed.conf", "0:644")
          .containsEntry("opt/data/.wh..wh..opq", "0:644")
          .as("a file keeps its permission bits")
          .containsEntry("bin/tool", "0:750")
          .containsEntry("etc/kept.conf", "0:644");
    }
    assertThat(fixture.archive.writer().addLayer(original))
        .as("archived once, found again through diffids/")
        .isEqualTo(blob);
    ArchivedRun run =
        fixture.commit(
            "run-1",
            Instant.parse("2026-01-01T00:00:00Z"),
            Map.of(
                "v",
                fixture
                    .archive
                    .writer()
                    .addImage(
                        new ImageSpec(
                            List.of(blob),
                            List.of(),
                            List.of("/bin/tool"),
                            "",
                            Map.of(),
                            ArchiveFixture.runtimeConfig("/bin/tool")))));

    LayerStore fresh = LayerStore.open(work.resolve("fresh"));
    List<StoredLayer> imported = fixture.archive.reader().importVariant(run, "v", fresh);

    assertThat(imported).hasSize(1);
    assertThat(imported.get(0).digest()).isEqualTo(blob.digest());
    assertThat(tree(imported.get(0).directory(), calls))
        .isEqualTo(tree(original.directory(), calls));
    assertThat(tree(original.directory(), calls))
        .containsEntry("etc/removed.conf", "whiteout")
        .containsEntry("opt/data", "opaque directory")
        .containsEntry("bin/tool", "executable #!/bin/sh\n");
    RunArchive second = RunArchive.open(work.resolve("archive-2"));
    assertThat(second.writer().addLayer(imported.get(0)).digest())
        .as("re-tarring the imported tree is a fixed point")
        .isEqualTo(blob.digest());
  }

  @Test
  void aConfigFileOnlyItsOwnerMayReadStaysSoInTheStoreAndTheArchiveAndKeepsItsDigest()
      throws Exception {
    ArchiveFixture fixture = ArchiveFixture.open(work);
    Path secret = Files.writeString(work.resolve("secret.yaml"), "token: s3cret\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    StoredLayer config =
        fixture.store.put(
            ReproducibleLayer.builder().addFile("etc/app/secret.yaml", secret, 0600).build());
    assertThat(Files.getAttribute(config.directory().resolve("etc/app/secret.yaml"), "unix:mode"))
        .isEqualTo(0100600);

    Descriptor blob = fixture.archive.writer().addLayer(config);

    assertThat(blob.digest())
        .as("re-tarred with the same mode, so the same digest")
        .isEqualTo(config.digest());
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(
            Files.newInputStream(fixture.blobFile(blob.digest().toString())))) {
      TarArchiveEntry entry = tar.getNextEntry();
      while (!entry.getName().equals("etc/app/secret.yaml")) {
        entry = tar.getNextEntry();
      }
      assertThat(entry.getMode() & 07777).isEqualTo(0600);
    }
  }

  /** A tar as another tool writes it: owners, mtimes, modes, OCI whiteouts. */
  private static byte[] foreignTar() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name())) {
      add(tar, new TarArchiveEntry("etc/"), null);
      add(tar, new TarArchiveEntry("etc/kept.conf"), "kept");
      add(tar, new TarArchiveEntry("etc/.wh.removed.conf"), "");
      add(tar, new TarArchiveEntry("opt/data/"), null);
      add(tar, new TarArchiveEntry("opt/data/.wh..wh..opq"), "");
      add(tar, new TarArchiveEntry("opt/data/new.txt"), "new");
      TarArchiveEntry tool = new TarArchiveEntry("bin/tool");
      tool.setMode(0100750);
      add(tar, tool, "#!/bin/sh\n");
      TarArchiveEntry link = new TarArchiveEntry("bin/alias", TarConstants.LF_SYMLINK);
      link.setLinkName("tool");
      add(tar, link, null);
    }
    return bytes.toByteArray();
  }

  private static void add(TarArchiveOutputStream tar, TarArchiveEntry entry, String content)
      throws IOException {
    entry.setIds(1000, 1000);
    entry.setModTime(1_700_000_000_000L);
    byte[] data = content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8);
    if (content != null) {
      entry.setSize(data.length);
    }
    tar.putArchiveEntry(entry);
    tar.write(data);
    tar.closeArchiveEntry();
  }

  /**
   * Each path of an unpacked tree with what it is: file content (and whether executable), link,
   * whiteout, opaque.
   */
  private static Map<String, String> tree(Path root, LinuxCalls calls) throws IOException {
    Map<String, String> result = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        String name = root.relativize(path).toString();
        int mode = (int) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if (Files.isSymbolicLink(path)) {
          result.put(name, "link " + Files.readSymbolicLink(path));
        } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          boolean opaque =
              calls.getxattr(path, "trusted.overlay.opaque").isPresent()
                  || calls.getxattr(path, "user.overlay.opaque").isPresent();
          result.put(name, opaque ? "opaque directory" : "directory");
        } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
          result.put(name, ((mode & 0100) != 0 ? "executable " : "file ") + Files.readString(path));
        } else {
          result.put(
              name,
              (mode & 0170000) == 0020000 && (long) Files.getAttribute(path, "unix:rdev") == 0
                  ? "whiteout"
                  : "other");
        }
      }
    }
    return result;
  }
}
