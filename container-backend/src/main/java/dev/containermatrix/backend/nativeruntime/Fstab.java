package dev.containermatrix.backend.nativeruntime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's mount table, in fstab(5) form, so that one {@code mount -a -T <file>} inside the
 * new mount namespace makes every mount. Entries are mounted in the order added.
 */
final class Fstab {
  private final List<String> lines = new ArrayList<>();

  /**
   * An overlay mount; with {@code userxattr} (inside a user namespace) overlayfs reads its opaque
   * markers from {@code user.overlay.*} xattrs, as the layer store writes them without root.
   */
  Fstab overlay(Path target, List<Path> lowerDirs, Path upperDir, Path workDir, boolean userxattr) {
    StringBuilder lower = new StringBuilder();
    for (Path dir : lowerDirs) {
      if (lower.length() > 0) {
        lower.append(':');
      }
      lower.append(dir.toString().replace("\\", "\\\\").replace(":", "\\:").replace(",", "\\,"));
    }
    return add(
        "overlay",
        target,
        "overlay",
        "lowerdir="
            + lower
            + ",upperdir="
            + upperDir
            + ",workdir="
            + workDir
            + (userxattr ? ",userxattr" : ""));
  }

  /** A read-only bind mount of {@code source} at {@code target}. */
  Fstab bindReadOnly(Path source, Path target) {
    return add(source.toString(), target, "none", "bind,ro");
  }

  /** A read-write bind mount (devices, the channel socket). */
  Fstab bind(Path source, Path target) {
    return add(source.toString(), target, "none", "bind");
  }

  /**
   * A fresh proc file system; it shows the pid namespace of the process that runs {@code mount}.
   */
  Fstab proc(Path target) {
    return add("proc", target, "proc", "nosuid,nodev,noexec");
  }

  Fstab tmpfs(Path target, String options) {
    return add("tmpfs", target, "tmpfs", options);
  }

  Fstab devpts(Path target) {
    return add("devpts", target, "devpts", "newinstance,ptmxmode=0666,mode=0620");
  }

  private Fstab add(String source, Path target, String type, String options) {
    lines.add(
        escape(source)
            + " "
            + escape(target.toString())
            + " "
            + type
            + " "
            + escape(options)
            + " 0 0");
    return this;
  }

  /** fstab(5) octal escapes for the characters that would split a field. */
  static String escape(String field) {
    StringBuilder out = new StringBuilder(field.length());
    for (char c : field.toCharArray()) {
      switch (c) {
        case ' ' -> out.append("\\040");
        case '\t' -> out.append("\\011");
        case '\n' -> out.append("\\012");
        case '\\' -> out.append("\\134");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  String render() {
    return String.join("\n", lines) + "\n";
  }

  int size() {
    return lines.size();
  }
}
