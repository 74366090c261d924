package dev.containermatrix.backend.image;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apiguardian.api.API;

/**
 * A few files of an image, read from its layers without unpacking them: each path as the image's
 * top-most layer that has it (or removes it with an OCI whiteout) says. Paths are taken literally:
 * a symbolic link on the way to one ({@code /opt/java} a link, say) is not followed, so such a path
 * is not found.
 */
@API(status = INTERNAL, since = "0.1")
public final class ImageFiles {
  /** The most bytes of a file's content that are kept; a longer file's content is cut there. */
  public static final int MAX_CONTENT_BYTES = 64 * 1024;

  private static final String WHITEOUT = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";

  private ImageFiles() {}

  /**
   * One file of the image.
   *
   * @param path absolute, as asked for
   * @param regular whether it is a regular file (or a hard link to one); else a link, directory or
   *     other entry
   * @param content a regular file's first {@value #MAX_CONTENT_BYTES} bytes; empty for others
   */
  public record Entry(String path, boolean regular, byte[] content) {
    public Entry {
      Objects.requireNonNull(path, "path");
      content = content.clone();
    }

    @Override
    public byte[] content() {
      return content.clone();
    }

    /** The content as UTF-8 text. */
    public String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  /**
   * The entries of {@code paths} in {@code image}; a path no layer has, or that a layer above the
   * one that has it removes, is missing from the result.
   *
   * @param paths absolute paths such as {@code /opt/java/openjdk/release}
   * @throws IOException if a layer cannot be read (a blob that does not match its digest, say)
   */
  public static Map<String, Entry> read(Image image, Set<String> paths) throws IOException {
    Set<String> open = new LinkedHashSet<>();
    for (String path : paths) {
      if (!path.startsWith("/") || path.length() < 2) {
        throw new IllegalArgumentException("an image file path must be absolute, was " + path);
      }
      open.add(path);
    }
    Map<String, Entry> found = new LinkedHashMap<>();
    List<ImageLayerBlob> layers = image.layers();
    for (int i = layers.size() - 1; i >= 0 && !open.isEmpty(); i--) {
      Set<String> decided = new LinkedHashSet<>();
      Set<String> hiddenBelow = new LinkedHashSet<>();
      try (TarArchiveInputStream tar =
          new TarArchiveInputStream(
              layers.get(i).openUncompressed(), StandardCharsets.UTF_8.name())) {
        TarArchiveEntry entry;
        while (decided.size() < open.size() && (entry = tar.getNextEntry()) != null) {
          String name = normalized(entry.getName());
          for (String path : open) {
            if (decided.contains(path)) {
              continue;
            }
            if (name.equals(path)) {
              boolean regular = entry.isFile() && !entry.isLink();
              found.put(
                  path,
                  new Entry(path, regular || entry.isLink(), regular ? head(tar) : new byte[0]));
              decided.add(path);
            } else if (name.endsWith("/" + OPAQUE) && path.startsWith(directory(name) + "/")) {
              hiddenBelow.add(path);
            } else if (removes(name, path)) {
              decided.add(path);
            }
          }
        }
      }
      open.removeAll(decided);
      open.removeAll(hiddenBelow);
    }
    return found;
  }

  /** Whether whiteout {@code name} removes {@code path} or a directory above it. */
  private static boolean removes(String name, String path) {
    String directory = directory(name);
    String base = name.substring(directory.length() + 1);
    if (!base.startsWith(WHITEOUT) || base.equals(OPAQUE)) {
      return false;
    }
    String removed = directory + "/" + base.substring(WHITEOUT.length());
    return path.equals(removed) || path.startsWith(removed + "/");
  }

  private static String directory(String name) {
    return name.substring(0, name.lastIndexOf('/'));
  }

  private static String normalized(String tarName) {
    String name = tarName.startsWith("./") ? tarName.substring(1) : tarName;
    if (!name.startsWith("/")) {
      name = "/" + name;
    }
    while (name.length() > 1 && name.endsWith("/")) {
      name = name.substring(0, name.length() - 1);
    }
    return name;
  }

  private static byte[] head(TarArchiveInputStream tar) throws IOException {
    return tar.readNBytes(MAX_CONTENT_BYTES);
  }
}
