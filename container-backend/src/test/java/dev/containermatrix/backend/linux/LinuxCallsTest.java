package dev.containermatrix.backend.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.linux.LinuxCalls.LinuxCallException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxCallsTest {

  private final LinuxCalls calls = LinuxCalls.system();

  @TempDir Path temp;

  @BeforeEach
  void requireLinux() {
    HostRequirements.require(calls.isSupported(), "JNA must bind libc on this host (Linux)");
  }

  @Test
  void makesAWhiteoutDeviceAndReadsItsNumbers() throws Exception {
    Path whiteout = temp.resolve("gone");

    calls.mknod(whiteout, LinuxCalls.S_IFCHR, LinuxCalls.makedev(0, 0));

    assertThat((int) Files.getAttribute(whiteout, "unix:mode") & 0170000)
        .isEqualTo(LinuxCalls.S_IFCHR);
    assertThat(Files.getAttribute(whiteout, "unix:rdev")).isEqualTo(0L);
  }

  @Test
  void failureNamesTheCallItsArgumentsAndTheErrno() {
    Path missing = temp.resolve("missing/dir/node");

    assertThatThrownBy(() -> calls.mknod(missing, LinuxCalls.S_IFCHR, LinuxCalls.makedev(0, 0)))
        .isInstanceOfSatisfying(LinuxCallException.class, e -> assertThat(e.errno()).isEqualTo(2))
        .hasMessage(
            "mknod(\"" + missing + "\", 020000, 0:0) failed: No such file or directory (errno 2)");
    assertThatThrownBy(
            () -> calls.setxattr(missing, "user.x", "y".getBytes(StandardCharsets.US_ASCII)))
        .hasMessage(
            "lsetxattr(\""
                + missing
                + "\", \"user.x\", \"y\") failed: No such file or directory (errno 2)");
  }

  @Test
  void setsAndGetsAUserAttribute() throws Exception {
    Path file = Files.createFile(temp.resolve("file"));

    calls.setxattr(file, "user.containermatrix.test", "y".getBytes(StandardCharsets.US_ASCII));

    assertThat(calls.getxattr(file, "user.containermatrix.test"))
        .hasValue("y".getBytes(StandardCharsets.US_ASCII));
    assertThat(calls.getxattr(file, "user.containermatrix.absent")).isEmpty();
  }

  @Test
  void geteuidIsTheUidOfFilesThisProcessCreates() throws Exception {
    Path file = Files.createFile(temp.resolve("mine"));

    assertThat(calls.geteuid()).isEqualTo(Files.getAttribute(file, "unix:uid"));
  }

  @Test
  void makedevPacksMajorAndMinorAsGlibcDoes() {
    assertThat(LinuxCalls.makedev(1, 3)).isEqualTo(0x103L);
    assertThat(LinuxCalls.makedev(0x1234, 0x56789)).isEqualTo(0x1000_5672_3489L);
  }
}
