package dev.containermatrix.backend.linux;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The Linux system calls the JDK does not offer. Each failing call throws a {@link
 * LinuxCallException} naming the call, its arguments and the errno text.
 *
 * <p>Obtain it with {@link #system()}; where JNA cannot bind libc (not Linux, no native library)
 * that is a null object whose {@link #isSupported()} is {@code false} and whose calls throw {@link
 * UnsupportedOperationException} with the reason.
 */
@API(status = INTERNAL, since = "0.1")
public interface LinuxCalls {

  /** {@code S_IFCHR}, the file type bits of a character device, for {@link #mknod}. */
  int S_IFCHR = 0020000;

  /** {@code S_IFBLK}, the file type bits of a block device, for {@link #mknod}. */
  int S_IFBLK = 0060000;

  /** {@code S_IFIFO}, the file type bits of a named pipe, for {@link #mknod}. */
  int S_IFIFO = 0010000;

  /** {@code EPERM}. */
  int EPERM = 1;

  /** The calls of this host: bound through JNA on Linux, else a null object that says why not. */
  static LinuxCalls system() {
    return SystemCalls.INSTANCE;
  }

  /**
   * Whether the calls can be made here; if not, every call throws {@link
   * UnsupportedOperationException}.
   */
  boolean isSupported();

  /**
   * {@code mknod(path, mode, dev)}: creates a device node or named pipe.
   *
   * @param mode file type ({@link #S_IFCHR}, {@link #S_IFBLK}, {@link #S_IFIFO}) or'ed with
   *     permission bits
   * @param dev the device number, see {@link #makedev(int, int)}
   */
  void mknod(Path path, int mode, long dev) throws LinuxCallException;

  /**
   * {@code lsetxattr(path, name, value, len, 0)}: sets an extended attribute, not following a
   * symlink at {@code path}.
   */
  void setxattr(Path path, String name, byte[] value) throws LinuxCallException;

  /**
   * {@code lgetxattr(path, name, …)}: an extended attribute, not following a symlink at {@code
   * path}.
   *
   * @return empty if {@code path} has no attribute {@code name} ({@code ENODATA})
   */
  Optional<byte[]> getxattr(Path path, String name) throws LinuxCallException;

  /** {@code geteuid()}: this process's effective user id. */
  int geteuid();

  /** glibc's {@code makedev(major, minor)}. */
  static long makedev(int major, int minor) {
    long ma = Integer.toUnsignedLong(major);
    long mi = Integer.toUnsignedLong(minor);
    return ((ma & 0xfffff000L) << 32)
        | ((ma & 0xfffL) << 8)
        | ((mi & 0xffffff00L) << 12)
        | (mi & 0xffL);
  }

  /** Thrown by a failed call; holds its errno. */
  @API(status = INTERNAL, since = "0.1")
  final class LinuxCallException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int errno;

    public LinuxCallException(String call, int errno, String errnoText) {
      super(call + " failed: " + errnoText + " (errno " + errno + ")");
      this.errno = errno;
    }

    /** The errno the call left. */
    public int errno() {
      return errno;
    }
  }
}
