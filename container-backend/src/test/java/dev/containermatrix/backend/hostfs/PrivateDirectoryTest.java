package dev.containermatrix.backend.hostfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.HostRequirements;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateDirectoryTest {

  /** The uid of nobody on Debian, as a user that is not this one. */
  private static final int NOBODY = 65534;

  @TempDir Path temp;

  @Test
  void createsAMissingDirectoryAndItsParentsWithModeSevenHundred() throws Exception {
    Path directory = temp.resolve("a/b/store");

    assertThat(PrivateDirectory.ensure(directory)).isEmpty();

    assertThat(Files.getAttribute(directory, "unix:mode")).isEqualTo(040700);
    assertThatThrownBy(() -> PrivateDirectory.createNew(directory))
        .isInstanceOf(FileAlreadyExistsException.class);
  }

  @Test
  void tightensAnOpenDirectoryOfThisUser() throws Exception {
    Path directory = Files.createDirectory(temp.resolve("store"));
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxr-x"));

    assertThat(PrivateDirectory.ensure(directory)).isEmpty();

    assertThat(Files.getAttribute(directory, "unix:mode")).isEqualTo(040700);
  }

  @Test
  void leavesAnotherUsersDirectoryAndSaysWhyItIsNotPrivate() throws Exception {
    HostRequirements.require(
        "root".equals(System.getProperty("user.name")),
        "giving a directory to another user needs root");
    Path directory = Files.createDirectory(temp.resolve("shared"));
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setAttribute(directory, "unix:uid", NOBODY);

    assertThat(PrivateDirectory.ensure(directory))
        .contains(
            directory
                + " belongs to nobody, not to root, and has mode"
                + " rwxr-xr-x, so other users can read what it holds");
    assertThat(Files.getAttribute(directory, "unix:mode")).isEqualTo(040755);
  }

  @Test
  void refusesAFileInThePlaceOfTheDirectory() throws Exception {
    Path file = Files.writeString(temp.resolve("store"), "x");

    assertThatThrownBy(() -> PrivateDirectory.ensure(file))
        .hasMessage(
            file + " exists but is not a directory; move it away or name another directory");
  }
}
