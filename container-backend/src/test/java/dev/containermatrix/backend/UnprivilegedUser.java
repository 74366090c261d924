package dev.containermatrix.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.backend.nativeruntime.NativeTestSupport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The unprivileged user {@code cmtest} that rootless tests switch to with {@code setpriv}, and what
 * such a test needs from root first: the user itself, and a copy of the test classpath it can read
 * (root's home is private). Used by this module's and the engine's tests.
 */
public final class UnprivilegedUser {
  public static final String NAME = "cmtest";

  private UnprivilegedUser() {}

  /**
   * A place for one run as the user: {@code root} (under /var/tmp, readable by all), {@code owned}
   * in it (the user's own), and this JVM's classpath copied where the user can read it. Delete
   * {@code root} with {@link #run} {@code rm -rf} when done.
   */
  public record Workspace(Path root, Path owned, String classpath) {
    /**
     * {@code setpriv … <this JVM's java> <jvmArgs…> -cp <classpath> <mainClass> <args…>} as the
     * user.
     */
    public List<String> javaCommand(List<String> jvmArgs, String mainClass, List<String> args) {
      List<String> command = new ArrayList<>(setpriv());
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1"));
      command.addAll(jvmArgs);
      command.addAll(List.of("-cp", classpath, mainClass));
      command.addAll(args);
      return command;
    }
  }

  /**
   * Makes the user if missing and a {@link Workspace} for it; the calling test is skipped where
   * this JVM is not root, which switching to the user needs.
   */
  public static Workspace workspace(String prefix) throws Exception {
    HostRequirements.require(
        NativeTestSupport.isRoot(), "switching to an unprivileged user needs root");
    ensureExists();
    Path root = Files.createTempDirectory(Path.of("/var/tmp"), prefix);
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path owned = Files.createDirectories(root.resolve("owned"));
    run(List.of("chown", NAME + ":" + NAME, owned.toString()));
    return new Workspace(root, owned, readableClasspath(root.resolve("cp")));
  }

  /** Creates the user where it is missing. */
  public static void ensureExists() throws Exception {
    run(
        List.of(
            "sh",
            "-c",
            "id -u " + NAME + " >/dev/null 2>&1 || useradd --system --no-create-home " + NAME));
  }

  /** The {@code setpriv} prefix that runs a command as the user, with a clean environment. */
  public static List<String> setpriv() {
    return List.of(
        "setpriv", "--reuid=" + NAME, "--regid=" + NAME, "--init-groups", "--reset-env", "--");
  }

  /** This JVM's classpath, copied into {@code target} with modes anyone can read. */
  public static String readableClasspath(Path target) throws IOException {
    List<String> entries = new ArrayList<>();
    int i = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path source = Path.of(entry);
      if (Files.exists(source)) {
        Path copy = target.resolve(i++ + "-" + source.getFileName());
        copyReadable(source, copy);
        entries.add(copy.toString());
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  /**
   * Starts {@code command} (from {@link Workspace#javaCommand}) in {@code directory}, its stdout
   * and stderr both written to {@code log}.
   */
  public static Process start(List<String> command, Path directory, Path log) throws IOException {
    return new ProcessBuilder(command)
        .directory(directory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** Runs a command as root and requires it to succeed within a minute. */
  public static void run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).inheritIO().start();
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
  }

  /**
   * Copies the file or tree {@code source} to {@code target}, directories {@code rwxr-xr-x} and
   * files {@code rw-r--r--}, and makes {@code target}'s parent, readable by all, if missing.
   */
  public static void copyReadable(Path source, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Files.setPosixFilePermissions(target.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : paths.toList()) {
        Path copy =
            source.equals(path) ? target : target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(copy);
          Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
        } else {
          Files.copy(path, copy);
          Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
        }
      }
    }
  }
}
