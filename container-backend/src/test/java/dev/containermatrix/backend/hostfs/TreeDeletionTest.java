package dev.containermatrix.backend.hostfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeDeletionTest {

  @TempDir Path temp;

  @Test
  void deletesATreeWithReadOnlyDirectoriesAndUnlinksTheLinksInIt() throws Exception {
    Path outside = Files.createDirectory(temp.resolve("outside"));
    Path kept = Files.writeString(outside.resolve("kept"), "x");
    Path tree = Files.createDirectories(temp.resolve("tree/a/b"));
    Files.writeString(tree.resolve("file"), "y");
    Files.createSymbolicLink(tree.resolve("to-dir"), outside);
    Files.createSymbolicLink(tree.resolve("to-file"), kept);
    Files.createDirectory(temp.resolve("tree/a/locked"));
    Files.setPosixFilePermissions(
        temp.resolve("tree/a/locked"), PosixFilePermissions.fromString("---------"));
    Files.setPosixFilePermissions(tree, PosixFilePermissions.fromString("r-xr-xr-x"));

    TreeDeletion.delete(temp.resolve("tree"));

    assertThat(temp.resolve("tree")).doesNotExist();
    assertThat(kept).hasContent("x");
    assertThat(outside).isDirectory();
  }

  @Test
  void deletingALinkDeletesTheLinkOnly() throws Exception {
    Path outside = Files.createDirectory(temp.resolve("outside"));
    Files.writeString(outside.resolve("kept"), "x");
    Path link = Files.createSymbolicLink(temp.resolve("link"), outside);

    TreeDeletion.delete(link);
    TreeDeletion.delete(temp.resolve("missing"));

    assertThat(link).doesNotExist();
    assertThat(outside.resolve("kept")).hasContent("x");
  }

  @Test
  void refusesTheRootOfTheFileSystem() {
    assertThatThrownBy(() -> TreeDeletion.delete(Path.of("/")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("refusing to delete /, the root of the file system");
  }
}
