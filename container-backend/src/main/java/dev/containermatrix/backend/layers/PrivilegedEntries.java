package dev.containermatrix.backend.layers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * What a layer may keep that gives power on the host: setuid and setgid bits, device nodes and
 * FIFOs. A layer from an image is untrusted input, and its unpacked tree lies on the host, where a
 * setuid root file or a device node of a readable store would be anyone's to use. So they are kept
 * only when nobody but root can reach the tree: the store is unpacked by root, and its root
 * directory belongs to root and is private (mode 0700). Otherwise setuid, setgid and (on files)
 * sticky bits are dropped, and a device node or FIFO refuses the whole layer. Whiteouts are not
 * affected: they are made by the store, not taken from the tar.
 */
final class PrivilegedEntries {

  private static final int SETUID_SETGID = 06000;
  private static final int STICKY = 01000;

  /** Why they are not kept, as a clause ("this process is not root"); empty when they are. */
  private final Optional<String> whyNot;

  private PrivilegedEntries(Optional<String> whyNot) {
    this.whyNot = whyNot;
  }

  /** Kept: for a store root owns and keeps private, unpacked by root. */
  static PrivilegedEntries kept() {
    return new PrivilegedEntries(Optional.empty());
  }

  /** What the store at {@code root} may keep, unpacked by a process that is root or not. */
  static PrivilegedEntries forStore(Path root, boolean processIsRoot) throws IOException {
    Map<String, Object> attributes = Files.readAttributes(root, "unix:uid,mode");
    int uid = (int) attributes.get("uid");
    int mode = (int) attributes.get("mode") & 07777;
    if (!processIsRoot) {
      return new PrivilegedEntries(Optional.of("this process is not root"));
    }
    if (uid != 0) {
      return new PrivilegedEntries(Optional.of(root + " belongs to uid " + uid));
    }
    if ((mode & 077) != 0) {
      return new PrivilegedEntries(Optional.of(root + " has mode 0" + Integer.toOctalString(mode)));
    }
    return kept();
  }

  /** The permission bits a regular file gets from its tar mode. */
  int fileMode(int tarMode) {
    return whyNot.isEmpty() ? tarMode & 07777 : tarMode & ~(SETUID_SETGID | STICKY) & 0777;
  }

  /**
   * The permission bits a directory gets from its tar mode: sticky stays (it guards a shared /tmp).
   */
  int directoryMode(int tarMode) {
    return whyNot.isEmpty() ? tarMode & 07777 : tarMode & ~SETUID_SETGID & 07777;
  }

  /** Passes a device node or FIFO entry where they are kept; else refuses the layer, saying why. */
  void checkSpecial(TarArchiveEntry entry) throws LayerStoreException {
    if (whyNot.isPresent()) {
      String kind =
          entry.isFIFO()
              ? "a FIFO"
              : (entry.isCharacterDevice() ? "a character device " : "a block device ")
                  + entry.getDevMajor()
                  + "/"
                  + entry.getDevMinor();
      throw new LayerStoreException(
          "refusing layer tar entry \""
              + entry.getName()
              + "\": it is "
              + kind
              + ", and device nodes and FIFOs are kept only in a layer store that root unpacks,"
              + " owns and keeps private (mode 0700), while here "
              + whyNot.get()
              + ": use such a store, or an image without them. Nothing of"
              + " the layer was stored");
    }
  }
}
