package dev.containermatrix.backend.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * An image's files inside an uncompressed tar, read in place: the tar's headers are indexed once,
 * and each file is read straight from its offset in the tar. Nothing is unpacked to disk. Symbolic
 * and hard links between entries (which {@code docker save} writes for shared layers) are followed.
 */
final class TarLayoutFiles implements LayoutFiles {

  private static final int MAX_LINK_HOPS = 16;

  private record Entry(long offset, long size, String linkTarget) {}

  private final Path archive;
  private final Map<String, Entry> entries;

  private TarLayoutFiles(Path archive, Map<String, Entry> entries) {
    this.archive = archive;
    this.entries = entries;
  }

  /** Indexes the tar's entries. */
  static TarLayoutFiles index(Path archive) throws IOException {
    Map<String, Entry> entries = new HashMap<>();
    checkUncompressed(archive);
    try (TarFile tar = new TarFile(archive)) {
      for (TarArchiveEntry entry : tar.getEntries()) {
        String name = normalize(entry.getName());
        if (entry.isSymbolicLink()) {
          entries.put(name, new Entry(0, 0, resolveLink(name, entry.getLinkName())));
        } else if (entry.isLink()) {
          entries.put(name, new Entry(0, 0, normalize(entry.getLinkName())));
        } else if (entry.isFile()) {
          entries.put(name, new Entry(entry.getDataOffset(), entry.getSize(), ""));
        }
      }
    } catch (NoSuchFileException e) {
      throw new ImageSourceException(archive + " does not exist: check the image reference's path");
    } catch (IOException | IllegalArgumentException e) {
      throw new ImageSourceException(
          archive
              + " is not an uncompressed tar archive ("
              + e.getMessage()
              + "): give the .tar that docker save, skopeo or buildx wrote, decompressed if it was"
              + " compressed",
          e);
    }
    if (entries.isEmpty()) {
      throw new ImageSourceException(
          archive
              + " holds no files, so it is not a tar of an image: "
              + "give the .tar that docker save, skopeo or buildx wrote");
    }
    return new TarLayoutFiles(archive, Map.copyOf(entries));
  }

  private static void checkUncompressed(Path archive) throws IOException {
    // a FIFO (or a device) would block the read below, or never end
    if (Files.exists(archive) && !Files.isRegularFile(archive)) {
      throw new ImageSourceException(
          archive
              + " is not a regular file (a directory, FIFO, socket or device):"
              + " name the .tar that docker save, skopeo or buildx wrote");
    }
    Compression compression;
    try (InputStream in = Files.newInputStream(archive)) {
      compression = Compression.ofMagic(in.readNBytes(4));
    } catch (NoSuchFileException e) {
      throw new ImageSourceException(archive + " does not exist: check the image reference's path");
    }
    if (compression != Compression.NONE) {
      throw new ImageSourceException(
          archive
              + " is "
              + compression
              + "-compressed, not a plain tar: decompress it first ("
              + (compression == Compression.GZIP ? "gunzip" : "zstd -d")
              + ") and name the .tar");
    }
  }

  @Override
  public boolean exists(String path) {
    return find(path) != null;
  }

  @Override
  public long size(String path) throws IOException {
    return entry(path).size();
  }

  @Override
  public InputStream open(String path) throws IOException {
    Entry entry = entry(path);
    return new TarEntryInputStream(archive, entry.offset(), entry.size());
  }

  @Override
  public String describe(String path) {
    return path + " in " + archive;
  }

  @Override
  public String describe() {
    return archive.toString();
  }

  private Entry entry(String path) throws ImageSourceException {
    Entry entry = find(path);
    if (entry == null) {
      throw new ImageSourceException(
          describe(path)
              + " does not exist, but the image refers to it: the archive is incomplete; export the"
              + " image again");
    }
    return entry;
  }

  private Entry find(String path) {
    Entry entry = entries.get(normalize(path));
    for (int hops = 0; entry != null && !entry.linkTarget().isEmpty(); hops++) {
      entry = hops < MAX_LINK_HOPS ? entries.get(entry.linkTarget()) : null;
    }
    return entry;
  }

  private static String resolveLink(String name, String target) {
    int slash = name.lastIndexOf('/');
    String base = target.startsWith("/") || slash < 0 ? "" : name.substring(0, slash + 1);
    return normalize(base + target);
  }

  /** {@code ./a//b/../c/} becomes {@code a/c}. */
  static String normalize(String name) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }
}
