package dev.containermatrix.backend.layers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproducibleLayerTest {

  @TempDir Path temp;

  @Test
  void aFileAddedWithItsOwnPermissionsKeepsThemAndSetuidBitsAreRefused() throws Exception {
    Path secret = Files.writeString(temp.resolve("secret"), "s");

    ReproducibleLayer layer =
        ReproducibleLayer.builder().addFile("etc/secret", secret, 0600).build();

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    layer.writeTo(out);
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      assertThat(tar.getNextEntry().getName()).isEqualTo("etc/");
      assertThat(tar.getNextEntry().getMode() & 07777).isEqualTo(0600);
    }
    assertThatThrownBy(() -> ReproducibleLayer.builder().addFile("bin/su", secret, 04755))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cannot add "
                + secret
                + " as bin/su with mode 04755: a layer's files have permission bits 0 to"
                + " 0777 (no setuid, setgid or sticky bit); pass mode & 0777");
  }

  @Test
  void sameFilesInAnotherOrderWithOtherMtimesGiveIdenticalBytes() throws Exception {
    Path first = hostFiles(temp.resolve("first"), Instant.parse("2001-01-01T00:00:00Z"));
    Path second = hostFiles(temp.resolve("second"), Instant.parse("2025-06-30T12:34:56Z"));
    String longName = "deep/" + "n".repeat(120) + "/file.txt";

    ReproducibleLayer forward =
        ReproducibleLayer.builder()
            .addFile("app/lib/a.jar", first.resolve("a.jar"), false)
            .addFile("app/bin/run", first.resolve("run"), true)
            .addFile(longName, "long".getBytes(UTF_8), false)
            .addSymlink("app/current", "lib/a.jar")
            .addDirectory("app/empty")
            .build();
    ReproducibleLayer backward =
        ReproducibleLayer.builder()
            .addDirectory("app/empty")
            .addSymlink("app/current", "lib/a.jar")
            .addFile(longName, "long".getBytes(UTF_8), false)
            .addFile("./app/bin/run", second.resolve("run"), true)
            .addFile("app//lib/a.jar", second.resolve("a.jar"), false)
            .build();

    ByteArrayOutputStream forwardBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream backwardBytes = new ByteArrayOutputStream();
    Digest forwardDigest = forward.writeTo(forwardBytes);
    Digest backwardDigest = backward.writeTo(backwardBytes);

    assertThat(backwardBytes.toByteArray()).isEqualTo(forwardBytes.toByteArray());
    assertThat(backwardDigest).isEqualTo(forwardDigest).isEqualTo(forward.digest());
    assertThat(forwardDigest).isEqualTo(Digest.of(forwardBytes.toByteArray()));
  }

  @Test
  void entriesAreSortedWithParentsAndNormalizedHeaders() throws Exception {
    ReproducibleLayer layer =
        ReproducibleLayer.builder()
            .addFile("b/run.sh", "#!/bin/sh\n".getBytes(UTF_8), true)
            .addFile("a/x/config.yaml", "k: v\n".getBytes(UTF_8), false)
            .addSymlink("a/link", "/etc/hostname")
            .build();

    List<TarArchiveEntry> entries = entries(layer);

    assertThat(entries)
        .extracting(TarArchiveEntry::getName)
        .containsExactly("a/", "a/link", "a/x/", "a/x/config.yaml", "b/", "b/run.sh");
    assertThat(layer.paths())
        .containsExactly("a", "a/link", "a/x", "a/x/config.yaml", "b", "b/run.sh");
    assertThat(entries)
        .allSatisfy(
            entry -> {
              assertThat(entry.getModTime().getTime()).isEqualTo(1000L);
              assertThat(entry.getLongUserId()).isZero();
              assertThat(entry.getLongGroupId()).isZero();
              assertThat(entry.getUserName()).isEmpty();
              assertThat(entry.getGroupName()).isEmpty();
            });
    assertThat(entries)
        .extracting(e -> e.getMode() & 07777)
        .containsExactly(0755, 0777, 0755, 0644, 0755, 0755);
    assertThat(entries.get(1).getLinkName()).isEqualTo("/etc/hostname");
  }

  @Test
  void rejectsAPathAddedTwiceNamingBoth() {
    ReproducibleLayer.Builder builder =
        ReproducibleLayer.builder().addFile("app/a", new byte[3], false);

    assertThatThrownBy(() -> builder.addSymlink("./app/a", "b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "app/a was already added as a file of 3 bytes; each path in a layer holds one entry");
  }

  @Test
  void rejectsPathsThatLeaveTheLayer() {
    assertThatThrownBy(() -> ReproducibleLayer.builder().addDirectory("/etc"))
        .hasMessage(
            "invalid path in layer \"/etc\": it is absolute; paths in a layer are relative to its"
                + " root");
    assertThatThrownBy(() -> ReproducibleLayer.builder().addFile("app/../../x", new byte[0], false))
        .hasMessage(
            "invalid path in layer \"app/../../x\": it contains '..', which would leave the layer");
    assertThatThrownBy(() -> ReproducibleLayer.builder().addDirectory("./"))
        .hasMessage("invalid path in layer \"./\": it names the layer's root");
  }

  @Test
  void rejectsAnEntryUnderAFile() {
    ReproducibleLayer.Builder builder =
        ReproducibleLayer.builder()
            .addSymlink("app", "/opt/app")
            .addFile("app/x", new byte[0], false);

    assertThatThrownBy(builder::build)
        .hasMessage(
            "app/x lies under app, which was added as a symlink to /opt/app; a parent must be a"
                + " directory");
  }

  private static Path hostFiles(Path directory, Instant mtime) throws Exception {
    Files.createDirectories(directory);
    Files.write(directory.resolve("a.jar"), new byte[] {1, 2, 3, 4});
    Files.writeString(directory.resolve("run"), "#!/bin/sh\necho hi\n");
    for (String name : List.of("a.jar", "run")) {
      Files.setLastModifiedTime(directory.resolve(name), FileTime.from(mtime));
    }
    return directory;
  }

  private static List<TarArchiveEntry> entries(ReproducibleLayer layer) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    layer.writeTo(bytes);
    List<TarArchiveEntry> entries = new ArrayList<>();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        entries.add(e);
      }
    }
    return entries;
  }
}
