package dev.containermatrix.backend.testmains;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Tries, from inside a container, one way out to the host, and prints what it reached as {@code
 * key:value} lines. Argument 0 is the way ({@code proc-links}, {@code chroot}, {@code
 * userns-chroot}, {@code kernel}, {@code status}, {@code secrets}, {@code mount}); the others are
 * host paths of marker files the container must not reach. A value is {@code reached} when the
 * marker's text was read, else the reason it was not.
 */
public final class SandboxProbeMain {
  private SandboxProbeMain() {}

  /** The C library calls the chroot escape needs. */
  interface C extends Library {
    C LIBC = Native.load("c", C.class);

    int chroot(String path);

    int chdir(String path);

    int mount(String source, String target, String type, long flags, Pointer data);
  }

  public static void main(String[] args) throws Exception {
    List<Path> markers = Stream.of(args).skip(1).map(Path::of).toList();
    switch (args[0]) {
      case "proc-links" -> procLinks(markers);
      case "chroot" -> chrootEscape(markers);
      case "userns-chroot" -> nestedUserNamespace(args);
      case "kernel" -> kernel();
      case "status" -> {
        Files.readAllLines(Path.of("/proc/self/status")).stream()
            .filter(l -> l.startsWith("Cap") || l.startsWith("NoNewPrivs"))
            .forEach(l -> System.out.println(l.replaceAll(":\\s+", ":")));
        Files.readAllLines(Path.of("/proc/self/cgroup"))
            .forEach(l -> System.out.println("cgroup:" + l));
      }
      case "secrets" -> {
        for (String home : List.of("/root", "/home")) {
          try (Stream<Path> files = Files.walk(Path.of(home))) {
            files
                .filter(Files::isRegularFile)
                .forEach(file -> System.out.println("file-under:" + home + ":" + file));
          }
        }
        for (String path :
            List.of(
                "/etc/shadow",
                "/etc/gshadow",
                "/etc/sudoers",
                "/etc/sudoers.d",
                "/etc/ssl/private",
                "/var/lib",
                "/run/containermatrix/oldroot/etc")) {
          Path file = Path.of(path);
          System.out.println(
              "secret:"
                  + path
                  + ":"
                  + (!Files.exists(file)
                      ? "absent"
                      : Files.isDirectory(file) ? "directory of " + listing(file) : "present"));
        }
      }
      case "mount" -> {
        int result = C.LIBC.mount("none", "/tmp", "tmpfs", 0, null);
        System.out.println("mount:" + (result == 0 ? "mounted" : "errno " + Native.getLastError()));
      }
      default -> throw new IllegalArgumentException("unknown way out: " + args[0]);
    }
  }

  /** {@code /proc/<pid>/root} and {@code /cwd} of every process it can see. */
  private static void procLinks(List<Path> markers) throws IOException {
    List<String> pids = new ArrayList<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      entries
          .map(p -> p.getFileName().toString())
          .filter(n -> n.chars().allMatch(Character::isDigit))
          .forEach(pids::add);
    }
    System.out.println("pids:" + String.join(",", pids));
    for (String pid : pids) {
      for (Path marker : markers) {
        System.out.println(
            "root:" + pid + ":" + read(Path.of("/proc", pid, "root").resolve(relative(marker))));
      }
      String name = "escaped-through-cwd-of-" + pid;
      System.out.println("cwd-write:" + pid + ":" + write(Path.of("/proc", pid, "cwd", name)));
    }
  }

  /** The classic escape: chroot into a subdirectory, walk up past it, chroot to where that led. */
  private static void chrootEscape(List<Path> markers) {
    // any directory that does not hold the working directory will do; a new one could not be made
    // in a user
    // namespace without a uid mapping
    if (C.LIBC.chroot("/dev") != 0) {
      System.out.println("chroot:errno " + Native.getLastError());
      return;
    }
    for (int i = 0; i < 64; i++) {
      C.LIBC.chdir("..");
    }
    System.out.println(
        "chroot:" + (C.LIBC.chroot(".") == 0 ? "done" : "errno " + Native.getLastError()));
    for (Path marker : markers) {
      System.out.println("escaped:" + marker + ":" + read(marker));
    }
  }

  /**
   * The same escape from a new user namespace, where it gets every capability back (kept across
   * exec as ambient capabilities; mapping root is refused without {@code CAP_SETFCAP}).
   */
  private static void nestedUserNamespace(String[] args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "unshare",
                "--user",
                "--keep-caps",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                SandboxProbeMain.class.getName(),
                "chroot"));
    command.addAll(List.of(args).subList(1, args.length));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    System.out.println("userns-exit:" + process.waitFor());
    output.lines().forEach(line -> System.out.println("userns-" + line));
  }

  /** Kernel-wide settings and host kernel files. */
  private static void kernel() throws IOException {
    for (String path :
        List.of(
            "/proc/sys/kernel/core_pattern",
            "/proc/sys/vm/drop_caches",
            "/proc/sysrq-trigger",
            "/proc/sys/kernel/hostname")) {
      System.out.println("open-for-write:" + path + ":" + openForWrite(Path.of(path)));
    }
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      String[] fields = line.split(" ");
      if (fields[4].startsWith("/proc/")
          || fields[4].equals("/sys")
          || fields[4].startsWith("/sys/")) {
        System.out.println("mount:" + fields[4] + ":" + fields[5]);
      }
    }
    for (String path : List.of("/proc/kcore", "/proc/keys", "/proc/timer_list")) {
      Path file = Path.of(path);
      System.out.println(
          "readable-bytes:"
              + path
              + ":"
              + (Files.exists(file) ? Files.readAllBytes(file).length : "absent"));
    }
    try (Stream<Path> entries = Files.list(Path.of("/sys"))) {
      System.out.println("sys-entries:" + entries.count());
    } catch (IOException e) {
      System.out.println("sys-entries:absent");
    }
  }

  private static String listing(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      List<String> names = entries.map(p -> p.getFileName().toString()).sorted().toList();
      return names.size() + " entries" + (names.isEmpty() ? "" : " " + names);
    } catch (IOException e) {
      return "? (" + e.getMessage() + ")";
    }
  }

  private static String read(Path path) {
    try {
      return "reached " + Files.readString(path).strip();
    } catch (IOException | SecurityException e) {
      return "denied (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
    }
  }

  private static String write(Path path) {
    try {
      Files.writeString(path, "escaped");
      return "written";
    } catch (IOException e) {
      return "denied (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
    }
  }

  /** Opens for writing without writing a byte, so a failed sandbox changes nothing on the host. */
  private static String openForWrite(Path path) {
    if (!Files.exists(path)) {
      return "absent";
    }
    try (var channel = Files.newByteChannel(path, StandardOpenOption.WRITE)) {
      return "writable";
    } catch (IOException e) {
      return "denied (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
    }
  }

  private static Path relative(Path absolute) {
    return absolute.getRoot().relativize(absolute);
  }
}
