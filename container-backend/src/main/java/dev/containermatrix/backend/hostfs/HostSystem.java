package dev.containermatrix.backend.hostfs;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * The parts of the host's own system a container on the {@code host} base sees: the top-level
 * system directories, and the few {@code /etc} files and directories a JVM and a test read. Never
 * {@code /home}, {@code /root}, {@code /tmp}, {@code /var} or secrets ({@code /etc/shadow}, {@code
 * /etc/ssl/private}, {@code /etc/sudoers*}). The native and docker backends both place them.
 */
@API(status = INTERNAL, since = "0.1")
public final class HostSystem {
  /** {@code /usr} is always bound; these beside it where the host has them as real directories. */
  public static final List<String> TOP_LEVEL =
      List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32");

  /**
   * Files of /etc a JVM and a test typically read, copied; anything absent on the host is skipped.
   */
  public static final List<String> ETC_FILES =
      List.of(
          "passwd",
          "group",
          "nsswitch.conf",
          "localtime",
          "timezone",
          "ld.so.cache",
          "ld.so.conf",
          "ca-certificates.conf",
          "os-release",
          "debian_version",
          "mime.types",
          "host.conf",
          "gai.conf",
          "protocols",
          "services",
          "login.defs",
          "ssl/openssl.cnf");

  /**
   * Directories of /etc, bind-mounted read-only rather than copied (their file names need not be
   * valid in this JVM's encoding): public certificates, the alternatives links, and Debian's JDK
   * configuration, which its JDKs' conf/ and lib/security link into. Never secrets: not {@code
   * /etc/ssl/private}, {@code /etc/shadow} or {@code /etc/sudoers*}.
   */
  public static final List<String> ETC_DIRECTORIES =
      List.of("ld.so.conf.d", "alternatives", "ssl/certs", "ca-certificates");

  private HostSystem() {}
}
