package dev.containermatrix.backend.layers;

import dev.containermatrix.backend.linux.LinuxCalls;
import dev.containermatrix.backend.linux.LinuxCalls.LinuxCallException;
import dev.containermatrix.backend.oci.Digest;
import dev.containermatrix.backend.oci.DigestingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Unpacks an uncompressed layer tar into an empty directory while computing its digest: modes,
 * mtimes and (as root) owners as the tar says, OCI whiteouts in overlay form (see {@link
 * OverlayWhiteouts}). A layer is untrusted input, so:
 *
 * <ul>
 *   <li>No entry reaches outside the directory: absolute paths, {@code ..} and entries under a
 *       symlink of the same layer are refused, and no entry is ever written through a symlink (see
 *       {@link UnpackedTree}). A symlink is made as it is, absolute or not: it resolves inside the
 *       container, and is never followed here.
 *   <li>A hard link may only name a regular file made earlier by this layer: not a symlink, not a
 *       path through one, not a directory or device.
 *   <li>Setuid and setgid bits, device nodes and FIFOs are kept only in a store that root owns and
 *       keeps private ({@link PrivilegedEntries}); sparse files are refused.
 *   <li>A layer beyond its {@link LayerLimits} (bytes of the tar, entries) is refused.
 * </ul>
 *
 * <p>A later entry for the same path replaces the earlier one, as in {@code tar x}.
 */
final class LayerUnpacker {

  /** What an unpacked tar was. */
  record Unpacked(Digest digest, long sizeBytes, OverlayConvention overlayConvention) {}

  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  private final LinuxCalls calls;
  private final OverlayWhiteouts whiteouts;
  private final boolean setOwners;
  private final PrivilegedEntries privileged;
  private final LayerLimits limits;

  /**
   * @param setOwners whether to give entries the tar's uid and gid, which needs root
   */
  LayerUnpacker(
      LinuxCalls calls,
      OverlayWhiteouts whiteouts,
      boolean setOwners,
      PrivilegedEntries privileged,
      LayerLimits limits) {
    this.calls = calls;
    this.whiteouts = whiteouts;
    this.setOwners = setOwners;
    this.privileged = privileged;
    this.limits = limits;
  }

  /**
   * Unpacks {@code tar} (read to its end, not closed) into {@code target}, an existing empty
   * directory.
   *
   * @param layer the layer, for messages: "layer sha256:…", or "the layer being read" if its digest
   *     is not known
   * @throws LayerStoreException if an entry is unsafe or cannot be made, or the layer is beyond its
   *     limits; {@code target} is then half full
   */
  Unpacked unpack(InputStream tar, Path target, String layer) throws IOException {
    DigestingInputStream hashing =
        new DigestingInputStream(new LimitedLayerStream(tar, limits, layer));
    UnpackedTree tree = new UnpackedTree(target);
    boolean usedOpaqueAttribute = false;
    long count = 0;
    try (TarArchiveInputStream entries =
        new TarArchiveInputStream(hashing, StandardCharsets.UTF_8.name())) {
      InputStream content = new MalformedTarGuard(entries, layer);
      for (TarArchiveEntry entry = next(entries, layer);
          entry != null;
          entry = next(entries, layer)) {
        if (++count > limits.maxEntries()) {
          throw limits.tooManyEntries(layer);
        }
        usedOpaqueAttribute |= unpack(tree, entry, content);
      }
      hashing.drain();
    }
    tree.finishDirectories(this::finishDirectory);
    return new Unpacked(
        hashing.digest(),
        hashing.count(),
        usedOpaqueAttribute ? whiteouts.convention() : OverlayConvention.NONE);
  }

  /** The next entry; a header the tar reader cannot parse refuses the layer. */
  private static @Nullable TarArchiveEntry next(TarArchiveInputStream entries, String layer)
      throws IOException {
    try {
      return entries.getNextEntry();
    } catch (LayerStoreException e) {
      throw e;
    } catch (IOException e) {
      throw MalformedTarGuard.malformed(layer, e);
    }
  }

  /**
   * An entry's content as the tar reader gives it; an error of the reader (a truncated or corrupt
   * tar) becomes a {@link LayerStoreException} naming the layer, so that it is told apart from an
   * error of the disk being written.
   */
  private static final class MalformedTarGuard extends java.io.FilterInputStream {
    private final String layer;

    MalformedTarGuard(InputStream in, String layer) {
      super(in);
      this.layer = layer;
    }

    static LayerStoreException malformed(String layer, IOException e) {
      String reason = String.valueOf(e.getMessage()).replaceAll("\\.$", "");
      return new LayerStoreException(
          layer
              + " is not a valid tar: "
              + reason
              + "; the image is damaged or hostile, and nothing of the layer was stored",
          e);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (LayerStoreException e) {
        throw e;
      } catch (IOException e) {
        throw malformed(layer, e);
      }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        return super.read(buffer, offset, length);
      } catch (LayerStoreException e) {
        throw e;
      } catch (IOException e) {
        throw malformed(layer, e);
      }
    }

    @Override
    public void close() {
      // the tar stream is closed by its owner
    }
  }

  /** Unpacks one entry; true if it made a directory opaque. */
  private boolean unpack(UnpackedTree tree, TarArchiveEntry entry, InputStream content)
      throws IOException {
    if (entry.isGlobalPaxHeader()) {
      return false;
    }
    String name = inLayer(entry.getName());
    if (name.isEmpty()) {
      if (entry.isDirectory()) {
        tree.madeDirectory(name, entry);
      }
      return false;
    }
    tree.requireNoSymlinkAbove(name, entry.getName());
    String parent = LayerPath.parent(name);
    String base = LayerPath.name(name);
    if (base.equals(OverlayWhiteouts.OPAQUE)) {
      whiteouts.makeOpaque(tree.directory(parent, entry.getName()), entry.getName());
      return true;
    }
    if (base.startsWith(OverlayWhiteouts.PREFIX)) {
      whiteout(tree, parent, base.substring(OverlayWhiteouts.PREFIX.length()), entry.getName());
      return false;
    }
    if (entry.isSparse()) {
      throw LayerStoreException.refusedEntry(
          entry.getName(),
          "it is a sparse file, which could expand far beyond its"
              + " size in the tar; layers may not hold sparse files");
    }
    Path path = tree.place(name, entry.getName(), entry.isDirectory());
    if (entry.isDirectory()) {
      if (!tree.isDirectory(name)) {
        Files.createDirectory(path);
      }
      tree.madeDirectory(name, entry);
    } else if (entry.isSymbolicLink()) {
      if (entry.getLinkName().isEmpty()) {
        throw LayerStoreException.refusedEntry(
            entry.getName(), "it is a symlink to nothing (an empty target)");
      }
      Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
      tree.madeSymlink(name);
      setOwner(path, entry);
      Files.getFileAttributeView(path, BasicFileAttributeView.class, NOFOLLOW)
          .setTimes(entry.getLastModifiedTime(), null, null);
    } else if (entry.isLink()) {
      Files.createLink(path, tree.hardLinkTarget(entry.getLinkName(), entry.getName()));
    } else if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
      privileged.checkSpecial(entry);
      device(path, entry);
    } else if (entry.isFile()) {
      Files.copy(content, path);
      tree.madeRegularFile(name);
      setOwner(path, entry);
      Files.setAttribute(path, "unix:mode", privileged.fileMode(entry.getMode()), NOFOLLOW);
      Files.setLastModifiedTime(path, entry.getLastModifiedTime());
    } else {
      throw LayerStoreException.refusedEntry(
          entry.getName(),
          "its type '" + (char) entry.getLinkFlag() + "' is not a file, directory, link or device");
    }
    return false;
  }

  private void whiteout(UnpackedTree tree, String parent, String hidden, String entryName)
      throws IOException {
    if (hidden.isEmpty()
        || hidden.equals(".")
        || hidden.equals("..")
        || hidden.startsWith(OverlayWhiteouts.PREFIX)) {
      throw LayerStoreException.refusedEntry(
          entryName, "it whites out \"" + hidden + "\", which is not a name");
    }
    String name = parent.isEmpty() ? hidden : parent + "/" + hidden;
    tree.directory(parent, entryName);
    // OCI: a whiteout hides only lower layers' files; one of this layer's own stays
    if (!Files.exists(tree.path(name), NOFOLLOW)) {
      whiteouts.makeWhiteout(tree.path(name), entryName);
    }
  }

  private void device(Path path, TarArchiveEntry entry) throws IOException {
    int type =
        entry.isFIFO()
            ? LinuxCalls.S_IFIFO
            : entry.isCharacterDevice() ? LinuxCalls.S_IFCHR : LinuxCalls.S_IFBLK;
    try {
      calls.mknod(
          path,
          type | (entry.getMode() & 0777),
          LinuxCalls.makedev(entry.getDevMajor(), entry.getDevMinor()));
    } catch (LinuxCallException | UnsupportedOperationException e) {
      throw new LayerStoreException(
          "cannot unpack layer entry "
              + entry.getName()
              + ": "
              + e.getMessage()
              + (entry.isFIFO()
                  ? ""
                  : "; device nodes other than whiteouts can only be created as root"),
          e);
    }
    setOwner(path, entry);
  }

  private void setOwner(Path path, TarArchiveEntry entry) throws IOException {
    if (setOwners && (entry.getLongUserId() != 0 || entry.getLongGroupId() != 0)) {
      Files.setAttribute(path, "unix:uid", (int) entry.getLongUserId(), NOFOLLOW);
      Files.setAttribute(path, "unix:gid", (int) entry.getLongGroupId(), NOFOLLOW);
    }
  }

  private void finishDirectory(Path path, @Nullable TarArchiveEntry entry) throws IOException {
    int mode = entry == null ? 0755 : privileged.directoryMode(entry.getMode());
    if (entry != null) {
      setOwner(path, entry);
    }
    Files.setAttribute(path, "unix:mode", mode, NOFOLLOW);
    if (entry != null) {
      Files.setLastModifiedTime(path, entry.getLastModifiedTime());
    }
  }

  private static String inLayer(String raw) throws LayerStoreException {
    try {
      return LayerPath.normalize(raw);
    } catch (IllegalArgumentException e) {
      throw LayerStoreException.refusedEntry(raw, e.getMessage());
    }
  }
}
