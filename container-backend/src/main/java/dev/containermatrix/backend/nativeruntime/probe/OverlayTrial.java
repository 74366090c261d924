package dev.containermatrix.backend.nativeruntime.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Mounts an overlay of a fresh lower, upper and work directory in a new mount namespace, the way
 * the native runtime mounts a container's root, and checks that a file of the lower directory shows
 * through. The namespace, and with it the mount, ends with the command.
 */
final class OverlayTrial {

  private static final String SCRIPT =
      "mount -t overlay overlay -o \"lowerdir=$1,upperdir=$2,workdir=$3\" \"$4\""
          + " && test -f \"$4/probe\"";

  private final Path scratchParent;
  private final Duration timeout;

  /** Trials make their directories under {@code scratchParent} and remove them afterwards. */
  OverlayTrial(Path scratchParent, Duration timeout) {
    this.scratchParent = scratchParent;
    this.timeout = timeout;
  }

  /**
   * Runs the mount under {@code unshare} with {@code unshareOptions} (e.g. {@code --mount}, or
   * {@code --user --map-root-user --mount}).
   */
  ProbeResult run(Path unshare, List<String> unshareOptions) throws InterruptedException {
    Path directory;
    try {
      directory = Files.createTempDirectory(scratchParent, "containermatrix-overlay-probe");
      Files.createDirectory(directory.resolve("lower"));
      Files.writeString(directory.resolve("lower/probe"), "probe\n");
      Files.createDirectory(directory.resolve("upper"));
      Files.createDirectory(directory.resolve("work"));
      Files.createDirectory(directory.resolve("merged"));
    } catch (IOException e) {
      return ProbeResult.notStarted(
          ProbeCommand.of("mount", "-t", "overlay"),
          "no directories for the trial in " + scratchParent + ": " + e.getMessage());
    }
    try {
      List<String> argv = new ArrayList<>();
      argv.add(unshare.toString());
      argv.addAll(unshareOptions);
      argv.addAll(List.of("--", "sh", "-c", SCRIPT, "sh"));
      for (String name : List.of("lower", "upper", "work", "merged")) {
        argv.add(directory.resolve(name).toString());
      }
      return new ProbeCommand(argv).run(timeout);
    } finally {
      delete(directory);
    }
  }

  /**
   * Removes the trial's directories. The kernel leaves {@code work/work} behind with mode 000; it
   * belongs to this user (mapped to root inside the user namespace), so its mode can be changed
   * before it is walked.
   */
  private static void delete(Path directory) {
    try {
      Path kernelWork = directory.resolve("work/work");
      if (Files.isDirectory(kernelWork, LinkOption.NOFOLLOW_LINKS)) {
        Files.setPosixFilePermissions(kernelWork, PosixFilePermissions.fromString("rwx------"));
      }
      try (Stream<Path> paths = Files.walk(directory)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // a few empty directories left in the temporary directory do no harm; the probe's answer
      // matters more
    }
  }
}
