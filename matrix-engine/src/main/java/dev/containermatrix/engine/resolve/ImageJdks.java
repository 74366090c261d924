package dev.containermatrix.engine.resolve;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.hostfs.TreeDeletion;
import dev.containermatrix.backend.image.Image;
import dev.containermatrix.backend.image.ImageFiles;
import dev.containermatrix.backend.image.ImageReaders;
import dev.containermatrix.backend.image.ImageReferences;
import dev.containermatrix.engine.matrix.JdkImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * Finds the JDK inside an image that a JDK axis value names ({@link JdkImage}): its home is the
 * value's path after {@code !}, else the image config's {@code JAVA_HOME}; its version is {@code
 * JAVA_VERSION} of the {@code release} file there, read from the image's layers (nothing is
 * unpacked and nothing runs), and it must have a {@code bin/java}. Each value is read once per
 * instance.
 */
@API(status = INTERNAL, since = "0.1")
public final class ImageJdks {
  private static final String JAVA_HOME = "JAVA_HOME=";

  private final Path baseDirectory;
  private final Path scratch;
  private final Map<String, Jdk> found = new ConcurrentHashMap<>();

  /**
   * @param baseDirectory the module's base directory; relative image paths resolve against it
   * @param scratch where an image that must be exported or pulled first ({@code docker:}, {@code
   *     registry:}) is put while it is read
   */
  public ImageJdks(Path baseDirectory, Path scratch) {
    this.baseDirectory = baseDirectory;
    this.scratch = scratch;
  }

  /**
   * The JDK {@code image} names; its {@link Jdk#home()} is the path inside the image.
   *
   * @throws JdkNotFoundException naming the image, what is missing and what to do
   */
  public Jdk locate(JdkImage image) {
    Jdk known = found.get(image.value());
    if (known != null) {
      return known;
    }
    Jdk jdk = read(image);
    found.put(image.value(), jdk);
    return jdk;
  }

  /**
   * Reads the image in a scratch directory of its own (where a {@code docker:} image is saved),
   * deleted once its layers are read.
   */
  private Jdk read(JdkImage value) {
    Path directory;
    try {
      directory =
          Files.createTempDirectory(
              Files.createDirectories(scratch.toAbsolutePath()), "jdk-image-");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(
          "Could not create a scratch directory in " + scratch + ": " + e.getMessage(), e);
    }
    try {
      return read(value, directory);
    } finally {
      try {
        TreeDeletion.delete(directory);
      } catch (IOException e) {
        // a scratch directory left in the report directory; the next clean build removes it
      }
    }
  }

  private Jdk read(JdkImage value, Path directory) {
    Image image;
    try {
      image =
          ImageReaders.of(ImageReferences.parse(value.image(), baseDirectory), directory).read();
    } catch (IOException | IllegalArgumentException e) {
      throw new JdkNotFoundException(
          "JDK image "
              + value.image()
              + " cannot be read: "
              + e.getMessage()
              + "; check the image reference (relative paths resolve against "
              + baseDirectory
              + ")");
    }
    String home = value.home().or(() -> javaHome(image.config().env())).orElse(null);
    if (home == null) {
      throw new JdkNotFoundException(
          "JDK image "
              + value.image()
              + " sets no absolute JAVA_HOME in its config, so where its JDK is is not known; name"
              + " the JDK's home after '!', e.g. "
              + value.image()
              + "!/opt/java/openjdk");
    }
    String release = home + "/release";
    String java = home + "/bin/java";
    Map<String, ImageFiles.Entry> files;
    try {
      files = ImageFiles.read(image, new LinkedHashSet<>(List.of(release, java)));
    } catch (IOException e) {
      throw new JdkNotFoundException(
          "JDK image "
              + value.image()
              + "'s layers cannot be read: "
              + e.getMessage()
              + "; export or pull the image again");
    }
    String where =
        "JDK home "
            + home
            + (value.home().isPresent() ? "" : " (the image's JAVA_HOME)")
            + " in image "
            + value.image();
    String fix =
        value.home().isPresent()
            ? "; name the image's JDK home after '!'"
            : "; name the image's JDK home after '!', e.g. " + value.image() + "!/opt/java/openjdk";
    ImageFiles.Entry releaseFile = files.get(release);
    if (releaseFile == null || !releaseFile.regular()) {
      throw new JdkNotFoundException(where + " has no release file, so it is no JDK" + fix);
    }
    if (!files.containsKey(java)) {
      throw new JdkNotFoundException(where + " has no bin/java, so it is no JDK" + fix);
    }
    Optional<String> version = JdkHome.javaVersion(releaseFile.text());
    if (version.isEmpty()) {
      throw new JdkNotFoundException(
          where + " has a release file without JAVA_VERSION; the image's JDK is incomplete");
    }
    int feature = JdkHome.feature(version.get());
    if (feature < 1) {
      throw new JdkNotFoundException(
          where + " has JAVA_VERSION \"" + version.get() + "\", which is not a Java version");
    }
    return new Jdk(Path.of(home), feature, version.get());
  }

  /** The last {@code JAVA_HOME} of the image's environment, if it is an absolute path. */
  private static Optional<String> javaHome(List<String> env) {
    Optional<String> home = Optional.empty();
    for (String entry : env) {
      if (entry.startsWith(JAVA_HOME)) {
        home = Optional.of(entry.substring(JAVA_HOME.length()));
      }
    }
    return home.map(ImageJdks::withoutTrailingSlash)
        .filter(h -> h.startsWith("/") && h.length() > 1);
  }

  private static String withoutTrailingSlash(String path) {
    String out = path;
    while (out.length() > 1 && out.endsWith("/")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }
}
