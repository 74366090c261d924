package dev.containermatrix.backend.linux;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The calls bound to glibc through JNA; errno is read with {@link Native#getLastError()} right
 * after each call.
 */
final class JnaLinuxCalls implements LinuxCalls {

  private static final int ENODATA = 61;
  private static final int ERANGE = 34;

  /** The libc functions used; JNA keeps errno per thread after each call. */
  interface CLibrary extends Library {
    int mknod(String path, int mode, long dev);

    int lsetxattr(String path, String name, byte[] value, NativeLong size, int flags);

    NativeLong lgetxattr(String path, String name, byte[] value, NativeLong size);

    int geteuid();

    String strerror(int errnum);
  }

  private final CLibrary libc;

  JnaLinuxCalls() {
    libc = Native.load("c", CLibrary.class);
    libc.geteuid();
  }

  @Override
  public boolean isSupported() {
    return true;
  }

  @Override
  public void mknod(Path path, int mode, long dev) throws LinuxCallException {
    if (libc.mknod(path.toString(), mode, dev) != 0) {
      throw failure(String.format("mknod(\"%s\", 0%o, %d:%d)", path, mode, major(dev), minor(dev)));
    }
  }

  @Override
  public void setxattr(Path path, String name, byte[] value) throws LinuxCallException {
    if (libc.lsetxattr(path.toString(), name, value, new NativeLong(value.length), 0) != 0) {
      throw failure(String.format("lsetxattr(\"%s\", \"%s\", %s)", path, name, printable(value)));
    }
  }

  @Override
  public Optional<byte[]> getxattr(Path path, String name) throws LinuxCallException {
    byte[] buffer = new byte[256];
    while (true) {
      long length =
          libc.lgetxattr(path.toString(), name, buffer, new NativeLong(buffer.length)).longValue();
      if (length >= 0) {
        return Optional.of(Arrays.copyOf(buffer, (int) length));
      }
      int errno = Native.getLastError();
      if (errno == ENODATA) {
        return Optional.empty();
      }
      if (errno != ERANGE || buffer.length >= 65536) {
        throw new LinuxCallException(
            String.format("lgetxattr(\"%s\", \"%s\")", path, name), errno, text(errno));
      }
      buffer = new byte[buffer.length * 16];
    }
  }

  @Override
  public int geteuid() {
    return libc.geteuid();
  }

  private LinuxCallException failure(String call) {
    int errno = Native.getLastError();
    return new LinuxCallException(call, errno, text(errno));
  }

  private String text(int errno) {
    String text = libc.strerror(errno);
    return text == null ? "unknown error" : text;
  }

  private static String printable(byte[] value) {
    String text = new String(value, StandardCharsets.US_ASCII);
    return text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
        ? "\"" + text + "\""
        : "0x" + HexFormat.of().formatHex(value);
  }

  private static long major(long dev) {
    return ((dev >>> 32) & 0xfffff000L) | ((dev >>> 8) & 0xfffL);
  }

  private static long minor(long dev) {
    return ((dev >>> 12) & 0xffffff00L) | (dev & 0xffL);
  }
}
