package dev.containermatrix.backend.layers;

import dev.containermatrix.backend.linux.LinuxCalls;
import dev.containermatrix.backend.linux.LinuxCalls.LinuxCallException;
import java.io.IOException;
import java.io.InputStream;
import dev.containermatrix.backend.hostfs.TreeDeletion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks an uncompressed layer tar into an empty directory while computing its digest: modes,
 * mtimes and (as root) owners as the tar says, OCI whiteouts in overlay form (see
 * {@link OverlayWhiteouts}). Entries that would leave the directory are refused: absolute paths,
 * {@code ..}, paths under a symlink of the same layer, hard links to anything outside it. A later
 * entry for the same path replaces the earlier one, as in {@code tar x}.
 */
final class LayerUnpacker {

  /** What an unpacked tar was. */
  record Unpacked(LayerDigest digest, long sizeBytes, OverlayConvention overlayConvention) {}

  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  private final LinuxCalls calls;
  private final OverlayWhiteouts whiteouts;
  private final boolean setOwners;

  /** @param setOwners whether to give entries the tar's uid and gid, which needs root */
  LayerUnpacker(LinuxCalls calls, OverlayWhiteouts whiteouts, boolean setOwners) {
    this.calls = calls;
    this.whiteouts = whiteouts;
    this.setOwners = setOwners;
  }

  /**
   * Unpacks {@code tar} (read to its end, not closed) into {@code target}, an existing empty directory.
   *
   * @throws LayerStoreException if an entry is unsafe or cannot be made; {@code target} is then half full
   */
  Unpacked unpack(InputStream tar, Path target) throws IOException {
    HashingInputStream hashing = new HashingInputStream(tar);
    Run run = new Run(target);
    try (TarArchiveInputStream entries = new TarArchiveInputStream(hashing, StandardCharsets.UTF_8.name())) {
      for (TarArchiveEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
        run.unpack(entry, entries);
      }
      hashing.drain();
    }
    run.finishDirectories();
    return new Unpacked(hashing.digest(), hashing.count(),
        run.usedOpaqueAttribute ? whiteouts.convention() : OverlayConvention.NONE);
  }

  /** The state of one unpacking. */
  private final class Run {
    private final Path target;
    private final Set<String> directories = new HashSet<>();
    private final Set<String> symlinks = new HashSet<>();
    private final Map<String, TarArchiveEntry> directoryEntries = new HashMap<>();
    private boolean usedOpaqueAttribute;

    Run(Path target) {
      this.target = target;
      directories.add("");
    }

    void unpack(TarArchiveEntry entry, InputStream content) throws IOException {
      if (entry.isGlobalPaxHeader()) {
        return;
      }
      String name = inLayer(entry.getName(), entry.getName());
      if (name.isEmpty()) {
        if (entry.isDirectory()) {
          directoryEntries.put(name, entry);
        }
        return;
      }
      requireNoSymlinkAbove(name, entry.getName());
      String parent = LayerPath.parent(name);
      String base = LayerPath.name(name);
      if (base.equals(OverlayWhiteouts.OPAQUE)) {
        ensureDirectory(parent);
        whiteouts.makeOpaque(resolve(parent), entry.getName());
        usedOpaqueAttribute = true;
        return;
      }
      if (base.startsWith(OverlayWhiteouts.PREFIX)) {
        whiteout(parent, base.substring(OverlayWhiteouts.PREFIX.length()), entry.getName());
        return;
      }
      ensureDirectory(parent);
      Path path = resolve(name);
      if (entry.isDirectory()) {
        if (!directories.contains(name)) {
          removeExisting(name);
          Files.createDirectory(path);
          directories.add(name);
        }
        directoryEntries.put(name, entry);
        return;
      }
      removeExisting(name);
      if (entry.isSymbolicLink()) {
        Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        symlinks.add(name);
        setOwner(path, entry);
        Files.getFileAttributeView(path, BasicFileAttributeView.class, NOFOLLOW)
            .setTimes(entry.getLastModifiedTime(), null, null);
      } else if (entry.isLink()) {
        hardLink(path, entry);
      } else if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
        device(path, entry);
      } else if (entry.isFile()) {
        Files.copy(content, path);
        setOwner(path, entry);
        Files.setAttribute(path, "unix:mode", entry.getMode() & 07777, NOFOLLOW);
        Files.setLastModifiedTime(path, entry.getLastModifiedTime());
      } else {
        throw refused(entry.getName(), "its type '" + (char) entry.getLinkFlag() + "' is not a file, directory, "
            + "link or device");
      }
    }

    private void whiteout(String parent, String hidden, String entryName) throws IOException {
      if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..") || hidden.startsWith(OverlayWhiteouts.PREFIX)) {
        throw refused(entryName, "it whites out \"" + hidden + "\", which is not a name");
      }
      String name = parent.isEmpty() ? hidden : parent + "/" + hidden;
      ensureDirectory(parent);
      // OCI: a whiteout hides only lower layers' files; one of this layer's own stays
      if (!Files.exists(resolve(name), NOFOLLOW)) {
        whiteouts.makeWhiteout(resolve(name), entryName);
      }
    }

    private void hardLink(Path path, TarArchiveEntry entry) throws IOException {
      String linkTarget;
      try {
        linkTarget = LayerPath.normalize(entry.getLinkName());
      } catch (IllegalArgumentException e) {
        throw refused(entry.getName(), "it is a hard link to " + entry.getLinkName() + ", outside the layer: " + e.getMessage());
      }
      requireNoSymlinkAbove(linkTarget, entry.getName());
      Path existing = resolve(linkTarget);
      if (linkTarget.isEmpty() || directories.contains(linkTarget) || !Files.exists(existing, NOFOLLOW)) {
        throw refused(entry.getName(), "it is a hard link to " + entry.getLinkName()
            + ", which is not a file earlier in this layer");
      }
      Files.createLink(path, existing);
    }

    private void device(Path path, TarArchiveEntry entry) throws IOException {
      int type = entry.isFIFO() ? LinuxCalls.S_IFIFO : entry.isCharacterDevice() ? LinuxCalls.S_IFCHR : LinuxCalls.S_IFBLK;
      try {
        calls.mknod(path, type | (entry.getMode() & 07777),
            LinuxCalls.makedev(entry.getDevMajor(), entry.getDevMinor()));
      } catch (LinuxCallException | UnsupportedOperationException e) {
        throw new LayerStoreException("cannot unpack layer entry " + entry.getName() + ": " + e.getMessage()
            + (entry.isFIFO() ? "" : "; device nodes other than whiteouts can only be created as root"), e);
      }
      setOwner(path, entry);
    }

    private void setOwner(Path path, TarArchiveEntry entry) throws IOException {
      if (setOwners && (entry.getLongUserId() != 0 || entry.getLongGroupId() != 0)) {
        Files.setAttribute(path, "unix:uid", (int) entry.getLongUserId(), NOFOLLOW);
        Files.setAttribute(path, "unix:gid", (int) entry.getLongGroupId(), NOFOLLOW);
      }
    }

    /** Makes {@code name} and its parents directories, replacing files of this layer in the way. */
    private void ensureDirectory(String name) throws IOException {
      if (directories.contains(name)) {
        return;
      }
      ensureDirectory(LayerPath.parent(name));
      removeExisting(name);
      Files.createDirectory(resolve(name));
      directories.add(name);
    }

    private void removeExisting(String name) throws IOException {
      Path path = resolve(name);
      if (Files.exists(path, NOFOLLOW)) {
        TreeDeletion.delete(path);
        String prefix = name + "/";
        directories.removeIf(d -> d.equals(name) || d.startsWith(prefix));
        symlinks.removeIf(s -> s.equals(name) || s.startsWith(prefix));
        directoryEntries.keySet().removeIf(d -> d.equals(name) || d.startsWith(prefix));
      }
    }

    private void requireNoSymlinkAbove(String name, String entryName) throws LayerStoreException {
      for (String parent = LayerPath.parent(name); !parent.isEmpty(); parent = LayerPath.parent(parent)) {
        if (symlinks.contains(parent)) {
          throw refused(entryName, "it lies under " + parent + ", a symlink of the same layer, so writing it would"
              + " follow the link");
        }
      }
    }

    /** Directory modes and mtimes last (children change mtimes; a read-only mode would block them), deepest first. */
    void finishDirectories() throws IOException {
      List<String> names = new ArrayList<>(directories);
      names.sort(Comparator.comparing((String n) -> n.chars().filter(c -> c == '/').count()).reversed());
      for (String name : names) {
        Path path = resolve(name);
        TarArchiveEntry entry = directoryEntries.get(name);
        int mode = entry == null ? 0755 : entry.getMode() & 07777;
        if (entry != null) {
          setOwner(path, entry);
        }
        Files.setAttribute(path, "unix:mode", mode, NOFOLLOW);
        if (entry != null) {
          Files.setLastModifiedTime(path, entry.getLastModifiedTime());
        }
      }
    }

    private Path resolve(String name) {
      return name.isEmpty() ? target : target.resolve(name);
    }

    private String inLayer(String raw, String entryName) throws LayerStoreException {
      try {
        return LayerPath.normalize(raw);
      } catch (IllegalArgumentException e) {
        throw refused(entryName, e.getMessage());
      }
    }
  }

  private static LayerStoreException refused(String entryName, String reason) {
    return new LayerStoreException("refusing layer tar entry \"" + entryName + "\": " + reason
        + "; the tar is malformed or hostile, and nothing of it was stored");
  }

}
