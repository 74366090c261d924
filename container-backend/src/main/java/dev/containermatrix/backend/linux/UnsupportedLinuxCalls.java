package dev.containermatrix.backend.linux;

import java.nio.file.Path;
import java.util.Optional;

/** The null object where the calls cannot be made: every call throws, naming why. */
final class UnsupportedLinuxCalls implements LinuxCalls {

  private final String reason;

  UnsupportedLinuxCalls(String reason) {
    this.reason = reason;
  }

  @Override
  public boolean isSupported() {
    return false;
  }

  @Override
  public void mknod(Path path, int mode, long dev) {
    throw unsupported("mknod(" + path + ")");
  }

  @Override
  public void setxattr(Path path, String name, byte[] value) {
    throw unsupported("setxattr(" + path + ", " + name + ")");
  }

  @Override
  public Optional<byte[]> getxattr(Path path, String name) {
    throw unsupported("getxattr(" + path + ", " + name + ")");
  }

  @Override
  public int geteuid() {
    throw unsupported("geteuid()");
  }

  private UnsupportedOperationException unsupported(String call) {
    return new UnsupportedOperationException(call + " cannot be made: " + reason);
  }
}
