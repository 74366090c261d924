package dev.containermatrix.backend.nativeruntime.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the kernel settings under {@code <procRoot>/sys} that decide whether namespaces may be
 * used.
 */
final class ProcSysctls {

  static final String MAX_USER_NAMESPACES = "sys/user/max_user_namespaces";
  static final String UNPRIVILEGED_USERNS_CLONE = "sys/kernel/unprivileged_userns_clone";
  static final String APPARMOR_RESTRICT_UNPRIVILEGED_USERNS =
      "sys/kernel/apparmor_restrict_unprivileged_userns";
  static final String OSRELEASE = "sys/kernel/osrelease";

  private final Path procRoot;

  ProcSysctls(Path procRoot) {
    this.procRoot = procRoot;
  }

  /** The file behind {@code name}, e.g. {@code /proc/sys/user/max_user_namespaces}. */
  Path path(String name) {
    return procRoot.resolve(name);
  }

  /** How many user namespaces a user may create; empty when the kernel has no such setting. */
  Optional<Long> maxUserNamespaces() {
    return number(MAX_USER_NAMESPACES);
  }

  /** Debian's switch for unprivileged user namespaces; empty (allowed) on kernels without it. */
  Optional<Long> unprivilegedUsernsClone() {
    return number(UNPRIVILEGED_USERNS_CLONE);
  }

  /**
   * Ubuntu's AppArmor restriction on unprivileged user namespaces ({@code 1} blocks them); empty
   * without AppArmor.
   */
  Optional<Long> apparmorRestrictUnprivilegedUserns() {
    return number(APPARMOR_RESTRICT_UNPRIVILEGED_USERNS);
  }

  /** The kernel release, as {@code uname -r} prints it. */
  Optional<String> kernelRelease() {
    return text(OSRELEASE).filter(release -> !release.isEmpty());
  }

  private Optional<Long> number(String name) {
    return text(name)
        .flatMap(
            value -> {
              try {
                return Optional.of(Long.parseLong(value));
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            });
  }

  private Optional<String> text(String name) {
    try {
      return Optional.of(Files.readString(path(name)).trim());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
