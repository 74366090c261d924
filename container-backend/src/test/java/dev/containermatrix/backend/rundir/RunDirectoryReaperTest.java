package dev.containermatrix.backend.rundir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.backend.HostRequirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryReaperTest {

  /** The uid of nobody on Debian, as a user that is not this one. */
  private static final int NOBODY = 65534;

  @TempDir Path tmp;

  @Test
  void runDirectoryIsShortMarkedAndDeletedOnClose() throws IOException {
    RunDirectory directory = RunDirectory.create();
    try {
      assertThat(directory.path().toString())
          .matches("/tmp/cm-" + ProcessHandle.current().pid() + "-[0-9a-f]{8}");
      assertThat(OwnerMarker.read(directory.path())).contains(ProcessIdentity.current());
      Files.writeString(
          Files.createDirectories(directory.path().resolve("sub")).resolve("file"), "x");
    } finally {
      directory.close();
      directory.close();
    }
    assertThat(directory.path()).doesNotExist();
  }

  @Test
  void removesTheDirectoryOfADeadOwnerAndKeepsALiveOnes() throws Exception {
    long deadPid = deadPid();
    Path dead = Files.createDirectory(tmp.resolve("cm-" + deadPid + "-0000000a"));
    OwnerMarker.write(dead, new ProcessIdentity(deadPid, "proc:1"));
    RunDirectory live = RunDirectory.create(tmp);
    Path notOurs = Files.createDirectory(tmp.resolve("cm-something-else"));

    List<Reaped> reaped = reap(tmp);

    assertThat(reaped)
        .containsExactly(
            new Reaped("run directory", dead, "its owner pid " + deadPid + " is gone"));
    assertThat(dead).doesNotExist();
    assertThat(live.path()).isDirectory();
    assertThat(notOurs).isDirectory();
    live.close();
  }

  @Test
  void removesTheDirectoryOfAReusedPid() throws IOException {
    ProcessIdentity me = ProcessIdentity.current();
    Path reused = Files.createDirectory(tmp.resolve("cm-" + me.pid() + "-0000000b"));
    OwnerMarker.write(reused, new ProcessIdentity(me.pid(), "proc:1"));

    assertThat(reap(tmp))
        .containsExactly(
            new Reaped(
                "run directory",
                reused,
                "its owner pid "
                    + me.pid()
                    + " now belongs to another process (start "
                    + me.start()
                    + ", not proc:1)"));
  }

  @Test
  void keepsAnUnmarkedDirectoryWhileThePidInItsNameLives() throws Exception {
    Path creating =
        Files.createDirectory(tmp.resolve("cm-" + ProcessHandle.current().pid() + "-0000000c"));
    long deadPid = deadPid();
    Path abandoned = Files.createDirectory(tmp.resolve("cm-" + deadPid + "-0000000d"));

    assertThat(reap(tmp))
        .containsExactly(
            new Reaped(
                "run directory",
                abandoned,
                "it has no owner marker and pid " + deadPid + " from its name is gone"));
    assertThat(creating).isDirectory();
  }

  @Test
  void unlinksASymlinkPlantedInAStaleRunDirectoryAndLeavesWhatItPointsAt() throws Exception {
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    Path marker = Files.writeString(outside.resolve("marker"), "keep me");
    long deadPid = deadPid();
    Path dead = Files.createDirectory(tmp.resolve("cm-" + deadPid + "-0000000e"));
    OwnerMarker.write(dead, new ProcessIdentity(deadPid, "proc:1"));
    Files.createSymbolicLink(dead.resolve("etc"), outside);
    Files.createSymbolicLink(
        Files.createDirectories(dead.resolve("deep/er")).resolve("marker"), marker);

    assertThat(reap(tmp))
        .containsExactly(
            new Reaped("run directory", dead, "its owner pid " + deadPid + " is gone"));

    assertThat(dead).doesNotExist();
    assertThat(marker).hasContent("keep me");
    assertThat(outside).isDirectory();
  }

  @Test
  void skipsARunDirectoryNameThatIsASymlink() throws Exception {
    long deadPid = deadPid();
    Path target = Files.createDirectory(tmp.resolve("target"));
    OwnerMarker.write(target, new ProcessIdentity(deadPid, "proc:1"));
    Path link = Files.createSymbolicLink(tmp.resolve("cm-" + deadPid + "-0000000f"), target);

    assertThat(reap(tmp)).isEmpty();

    assertThat(link).isSymbolicLink();
    assertThat(target.resolve(OwnerMarker.FILE_NAME)).isRegularFile();
  }

  @Test
  void aFifoAsTheOwnerMarkerIsNoMarkerAndDoesNotBlock() throws Exception {
    long deadPid = deadPid();
    Path dead = Files.createDirectory(tmp.resolve("cm-" + deadPid + "-00000010"));
    Process mkfifo =
        new ProcessBuilder("mkfifo", dead.resolve(OwnerMarker.FILE_NAME).toString()).start();
    assertThat(mkfifo.waitFor()).isZero();

    assertThat(OwnerMarker.read(dead)).isEmpty();
    assertThat(reap(tmp))
        .containsExactly(
            new Reaped(
                "run directory",
                dead,
                "it has no owner marker and pid " + deadPid + " from its name is gone"));
  }

  @Test
  void asRootLeavesAnotherUsersUnmarkedDirectoryAndReapsAMarkedOne() throws Exception {
    HostRequirements.require(
        "root".equals(System.getProperty("user.name")), "only root may reap other users' runs");
    long deadPid = deadPid();
    Path unmarked = Files.createDirectory(tmp.resolve("cm-" + deadPid + "-00000011"));
    Path marked = Files.createDirectory(tmp.resolve("cm-" + deadPid + "-00000012"));
    OwnerMarker.write(marked, new ProcessIdentity(deadPid, "proc:1"));
    for (Path directory : List.of(unmarked, marked, marked.resolve(OwnerMarker.FILE_NAME))) {
      Files.setAttribute(directory, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
    }

    assertThat(reap(tmp))
        .containsExactly(
            new Reaped("run directory", marked, "its owner pid " + deadPid + " is gone"));

    assertThat(unmarked).isDirectory();
    assertThat(marked).doesNotExist();
  }

  @Test
  void readsTheStartTimeAfterACommandNameWithSpacesAndParentheses() throws IOException {
    Path proc = Files.createDirectories(tmp.resolve("proc/42"));
    String fields = String.join(" ", Collections.nCopies(17, "0"));
    Files.writeString(proc.resolve("stat"), "42 (my (odd) name) S 1 " + fields + " 987654 0 0\n");

    assertThat(ProcessIdentity.of(42, tmp.resolve("proc")))
        .contains(new ProcessIdentity(42, "proc:987654"));
    assertThat(ProcessIdentity.of(43, tmp.resolve("proc"))).isEmpty();
  }

  /** The pid of a process that has exited and been waited for. */
  private static long deadPid() throws Exception {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();
    return process.pid();
  }

  private static List<Reaped> reap(Path tmpRoot) throws IOException {
    return new RunDirectoryReaper(tmpRoot, ProcessIdentity.PROC).reap();
  }
}
