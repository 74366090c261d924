package dev.containermatrix.backend.layers;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.oci.Digest;
import dev.containermatrix.backend.oci.DigestingOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A layer built from files, directories and symlinks into a normalized, uncompressed tar whose
 * sha256 is its {@link Digest} (OCI DiffID). The same entries give the same bytes whatever the
 * order they were added in and whatever the host files' times and owners, as Jib's layers do:
 * entries are sorted by path, parent directories are added, every entry has mtime
 * 1970-01-01T00:00:01Z, uid and gid 0 and empty user and group names, and mode 0644 (files), 0755
 * (executables and directories) or 0777 (symlinks), unless a file is added with permissions of its
 * own (a config file keeps its 0600: see {@link Builder#addFile(String, Path, int)}).
 *
 * <pre>{@code
 * ReproducibleLayer layer = ReproducibleLayer.builder()
 *     .addFile("app/lib/json.jar", Path.of("/home/me/.m2/.../json.jar"), false)
 *     .addFile("app/run.sh", "#!/bin/sh\n".getBytes(UTF_8), true)
 *     .addSymlink("app/current", "lib/json.jar")
 *     .build();
 * Digest diffId = layer.writeTo(out);
 * }</pre>
 *
 * <p>Host files are read when the tar is written, not when they are added.
 */
@API(status = INTERNAL, since = "0.1")
public final class ReproducibleLayer {

  /** The modification time of every entry: one second after the epoch, as Jib uses. */
  public static final long MTIME_MILLIS = 1000L;

  private static final int FILE_MODE = 0644;
  private static final int EXECUTABLE_MODE = 0755;
  private static final int DIRECTORY_MODE = 0755;
  private static final int SYMLINK_MODE = 0777;

  private enum Kind {
    FILE,
    DIRECTORY,
    SYMLINK
  }

  private record Entry(
      String path,
      Kind kind,
      byte @Nullable [] bytes,
      @Nullable Path hostFile,
      @Nullable String linkTarget,
      int permissions) {

    static Entry directory(String path) {
      return new Entry(path, Kind.DIRECTORY, null, null, null, DIRECTORY_MODE);
    }

    String describe() {
      return switch (kind) {
        case FILE ->
            hostFile != null
                ? "the host file " + hostFile
                : "a file of " + Objects.requireNonNull(bytes).length + " bytes";
        case DIRECTORY -> "a directory";
        case SYMLINK -> "a symlink to " + linkTarget;
      };
    }
  }

  private final List<Entry> entries;

  private ReproducibleLayer(Collection<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** A builder with no entries. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The paths of the layer's entries in tar order, parent directories included; never empty for a
   * non-empty layer.
   */
  public List<String> paths() {
    return entries.stream().map(Entry::path).toList();
  }

  /**
   * Writes the tar to {@code out}, which is flushed but not closed, and returns its digest.
   *
   * @throws IOException if {@code out} or a host file fails, or a host file changed size while read
   */
  public Digest writeTo(OutputStream out) throws IOException {
    DigestingOutputStream hashing = new DigestingOutputStream(out);
    TarArchiveOutputStream tar = new TarArchiveOutputStream(hashing, StandardCharsets.UTF_8.name());
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    for (Entry entry : entries) {
      write(tar, entry);
    }
    tar.finish();
    tar.flush();
    return hashing.digest();
  }

  /** The digest, computed by writing the tar to nowhere (host files are read each time). */
  public Digest digest() throws IOException {
    return writeTo(OutputStream.nullOutputStream());
  }

  private static void write(TarArchiveOutputStream tar, Entry entry) throws IOException {
    TarArchiveEntry header =
        switch (entry.kind()) {
          case DIRECTORY -> new TarArchiveEntry(entry.path() + "/");
          case SYMLINK -> {
            TarArchiveEntry link = new TarArchiveEntry(entry.path(), TarConstants.LF_SYMLINK);
            link.setLinkName(Objects.requireNonNull(entry.linkTarget()));
            yield link;
          }
          case FILE -> new TarArchiveEntry(entry.path());
        };
    header.setMode((header.getMode() & ~07777) | entry.permissions());
    header.setModTime(MTIME_MILLIS);
    header.setIds(0, 0);
    header.setUserName("");
    header.setGroupName("");
    if (entry.kind() != Kind.FILE) {
      tar.putArchiveEntry(header);
    } else if (entry.hostFile() != null) {
      header.setSize(Files.size(entry.hostFile()));
      tar.putArchiveEntry(header);
      try (InputStream in = Files.newInputStream(entry.hostFile())) {
        in.transferTo(tar);
      }
    } else {
      byte[] bytes = Objects.requireNonNull(entry.bytes());
      header.setSize(bytes.length);
      tar.putArchiveEntry(header);
      tar.write(bytes);
    }
    tar.closeArchiveEntry();
  }

  /** Collects entries; {@code addX} methods return this builder. Not thread-safe. */
  @API(status = INTERNAL, since = "0.1")
  public static final class Builder {

    private final TreeMap<String, Entry> entries = new TreeMap<>();

    private Builder() {}

    /**
     * A regular file holding {@code content} (copied now).
     *
     * @param pathInLayer relative, '/'-separated, no {@code ..}; e.g. {@code app/config.yaml}
     * @throws IllegalArgumentException if the path is invalid or already added
     */
    public Builder addFile(String pathInLayer, byte[] content, boolean executable) {
      Objects.requireNonNull(content, "content");
      return add(
          new Entry(path(pathInLayer), Kind.FILE, content.clone(), null, null, mode(executable)));
    }

    /**
     * A regular file with the content of {@code hostFile}, read when the tar is written.
     *
     * @throws IllegalArgumentException if the path is invalid or already added, or {@code hostFile}
     *     is not a regular file
     */
    public Builder addFile(String pathInLayer, Path hostFile, boolean executable) {
      return addFile(pathInLayer, hostFile, mode(executable));
    }

    /**
     * A regular file with the content of {@code hostFile} and the given permission bits, such as
     * 0600 for a config file only its owner may read.
     *
     * @param permissions 0 to 0777: setuid, setgid and sticky bits are not kept in layers
     * @throws IllegalArgumentException if the path is invalid or already added, {@code hostFile} is
     *     not a regular file, or the permissions are out of range
     */
    public Builder addFile(String pathInLayer, Path hostFile, int permissions) {
      Objects.requireNonNull(hostFile, "hostFile");
      if (!Files.isRegularFile(hostFile)) {
        throw new IllegalArgumentException(
            "cannot add "
                + hostFile
                + " as "
                + pathInLayer
                + ": it is not a regular file; add directories entry by entry");
      }
      if (permissions < 0 || permissions > 0777) {
        throw new IllegalArgumentException(
            "cannot add "
                + hostFile
                + " as "
                + pathInLayer
                + " with mode 0"
                + Integer.toOctalString(permissions)
                + ": a layer's files have permission bits 0 to 0777 (no setuid,"
                + " setgid or sticky bit); pass mode & 0777");
      }
      return add(
          new Entry(
              path(pathInLayer), Kind.FILE, null, hostFile.toAbsolutePath(), null, permissions));
    }

    /**
     * An empty directory (a directory that is also the parent of other entries is added anyway).
     */
    public Builder addDirectory(String pathInLayer) {
      return add(Entry.directory(path(pathInLayer)));
    }

    /**
     * A symlink whose target is written as given (it may be absolute: it resolves inside the
     * container).
     */
    public Builder addSymlink(String pathInLayer, String target) {
      Objects.requireNonNull(target, "target");
      if (target.isEmpty() || target.indexOf('\0') >= 0) {
        throw new IllegalArgumentException(
            "symlink "
                + pathInLayer
                + " needs a non-empty target without NUL, was \""
                + target.replace("\0", "\\0")
                + "\"");
      }
      return add(new Entry(path(pathInLayer), Kind.SYMLINK, null, null, target, SYMLINK_MODE));
    }

    /**
     * The layer, with every parent directory added.
     *
     * @throws IllegalArgumentException if a file or symlink is also the parent of another entry
     */
    public ReproducibleLayer build() {
      TreeMap<String, Entry> all = new TreeMap<>(entries);
      for (Entry entry : entries.values()) {
        for (String parent = LayerPath.parent(entry.path());
            !parent.isEmpty();
            parent = LayerPath.parent(parent)) {
          Entry existing = all.putIfAbsent(parent, Entry.directory(parent));
          if (existing != null && existing.kind() != Kind.DIRECTORY) {
            throw new IllegalArgumentException(
                entry.path()
                    + " lies under "
                    + parent
                    + ", which was added as "
                    + existing.describe()
                    + "; a parent must be a directory");
          }
        }
      }
      return new ReproducibleLayer(all.values());
    }

    private Builder add(Entry entry) {
      Entry existing = entries.putIfAbsent(entry.path(), entry);
      if (existing != null
          && !(existing.kind() == Kind.DIRECTORY && entry.kind() == Kind.DIRECTORY)) {
        throw new IllegalArgumentException(
            entry.path()
                + " was already added as "
                + existing.describe()
                + "; each path in a layer holds one entry");
      }
      return this;
    }

    private static int mode(boolean executable) {
      return executable ? EXECUTABLE_MODE : FILE_MODE;
    }

    private static String path(String pathInLayer) {
      Objects.requireNonNull(pathInLayer, "pathInLayer");
      String normalized;
      try {
        normalized = LayerPath.normalize(pathInLayer);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "invalid path in layer \"" + pathInLayer + "\": " + e.getMessage(), e);
      }
      if (normalized.isEmpty()) {
        throw new IllegalArgumentException(
            "invalid path in layer \"" + pathInLayer + "\": it names the layer's root");
      }
      return normalized;
    }
  }
}
