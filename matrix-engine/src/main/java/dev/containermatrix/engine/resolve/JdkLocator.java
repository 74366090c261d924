package dev.containermatrix.engine.resolve;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Finds a JDK by feature version ({@code "17"}, {@code "25"}, {@code "1.8"}) or by the absolute
 * path of its home.
 *
 * <p>A version is looked for in this order, and the first JDK whose {@code release} file has that
 * feature version wins: the {@code jdk} toolchains of {@code ~/.m2/toolchains.xml}, {@code
 * JAVA_HOME}, the running JVM's {@code java.home}, then each child {@code X} (and {@code
 * X/Contents/Home}) of the search roots, in name order. A JDK is a folder with a {@code release}
 * file giving {@code JAVA_VERSION} and an executable {@code bin/java}; {@code bin/javac} is not
 * required. Symlinked duplicates count once: homes are compared with symlinks resolved.
 *
 * <p>Found JDKs are cached per JVM. Instances are thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class JdkLocator {
  private static final ConcurrentHashMap<CacheKey, Jdk> CACHE = new ConcurrentHashMap<>();

  private final Path userHome;
  private final Map<String, String> env;
  private final @Nullable Path javaHome;
  private final List<Path> searchRoots;

  /**
   * @param userHome where {@code .m2/toolchains.xml} is, and what {@code ~} stands for in messages
   * @param env environment variables: {@code JAVA_HOME}, and {@code ${env.X}} in toolchains.xml
   * @param javaHome the running JVM's home, {@code null} to skip it
   * @param searchRoots folders whose children may be JDK homes, searched in this order
   */
  public JdkLocator(
      Path userHome, Map<String, String> env, @Nullable Path javaHome, List<Path> searchRoots) {
    this.userHome = Objects.requireNonNull(userHome, "userHome");
    this.env = Map.copyOf(env);
    this.javaHome = javaHome;
    this.searchRoots = List.copyOf(searchRoots);
  }

  /**
   * A locator over this host: {@code user.home}, the environment, {@code java.home} and {@link
   * #defaultSearchRoots}.
   */
  public static JdkLocator forThisHost() {
    Path home = Path.of(System.getProperty("user.home"));
    return new JdkLocator(
        home, System.getenv(), Path.of(System.getProperty("java.home")), defaultSearchRoots(home));
  }

  /**
   * {@code /usr/lib/jvm}, {@code /usr/java}, {@code /opt/java}, {@code /opt} (all its children,
   * which covers {@code /opt/jdk*}), {@code ~/.sdkman/candidates/java}, {@code ~/.jdks} and {@code
   * /Library/Java/JavaVirtualMachines}.
   */
  public static List<Path> defaultSearchRoots(Path userHome) {
    return List.of(
        Path.of("/usr/lib/jvm"),
        Path.of("/usr/java"),
        Path.of("/opt/java"),
        Path.of("/opt"),
        userHome.resolve(".sdkman/candidates/java"),
        userHome.resolve(".jdks"),
        Path.of("/Library/Java/JavaVirtualMachines"));
  }

  /**
   * The JDK for a feature version or an absolute JDK home path.
   *
   * @throws JdkNotFoundException naming the request, every place searched with what it held, and
   *     what to do
   */
  public Jdk locate(String versionOrPath) {
    String request = Objects.requireNonNull(versionOrPath, "versionOrPath").trim();
    CacheKey key = new CacheKey(userHome, env, javaHome, searchRoots, request);
    Jdk cached = CACHE.get(key);
    if (cached != null) {
      return cached;
    }
    Jdk found = find(request);
    Jdk raced = CACHE.putIfAbsent(key, found);
    return raced == null ? found : raced;
  }

  private Jdk find(String request) {
    int feature = request.matches("\\d+|1\\.\\d+") ? JdkHome.feature(request) : -1;
    if (feature < 1) {
      Path path = Path.of(request);
      if (!path.isAbsolute()) {
        throw new JdkNotFoundException(
            "JDK '"
                + request
                + "' is neither a feature version (like 17 or 25) nor an absolute path to a JDK"
                + " home. Write a version like 17, or the JDK's home folder.");
      }
      JdkHome.Probe probe = JdkHome.probe(path);
      if (probe.jdk() == null) {
        throw new JdkNotFoundException(
            "JDK at "
                + show(path)
                + " is not usable: "
                + probe.reason()
                + ". Give the home folder of a JDK, the one that holds bin/java and the release"
                + " file.");
      }
      return probe.jdk();
    }
    List<Place> places = places();
    for (Place place : places) {
      for (Jdk jdk : place.jdks()) {
        if (jdk.feature() == feature) {
          return jdk;
        }
      }
    }
    throw new JdkNotFoundException(
        "JDK "
            + request
            + " not found. Looked in: "
            + places.stream()
                .map(p -> p.name() + " (" + p.description() + ")")
                .collect(Collectors.joining("; "))
            + ". Install JDK "
            + request
            + " or declare it in ~/.m2/toolchains.xml.");
  }

  private List<Place> places() {
    List<Place> places = new ArrayList<>();
    places.add(toolchains());
    places.add(single("JAVA_HOME", blankToNull(env.get("JAVA_HOME"))));
    places.add(single("java.home", javaHome == null ? null : javaHome.toString()));
    for (Path root : searchRoots) {
      places.add(root(root));
    }
    return places;
  }

  private Place toolchains() {
    Path file = userHome.resolve(".m2").resolve("toolchains.xml");
    String name = show(file);
    if (!Files.isRegularFile(file)) {
      return new Place(name, List.of(), "absent");
    }
    List<Path> homes;
    try {
      homes = Toolchains.jdkHomes(file, env, userHome);
    } catch (IOException e) {
      return new Place(name, List.of(), "unreadable: " + MavenSettings.firstLine(e.getMessage()));
    }
    if (homes.isEmpty()) {
      return new Place(name, List.of(), "no jdk toolchain");
    }
    List<Jdk> jdks = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Path home : homes) {
      JdkHome.Probe probe = JdkHome.probe(home);
      if (probe.jdk() != null) {
        jdks.add(probe.jdk());
      } else {
        notes.add(show(home) + " is not a JDK: " + probe.reason());
      }
    }
    return place(name, jdks, notes);
  }

  private Place single(String name, @Nullable String home) {
    if (home == null) {
      return new Place(name, List.of(), "unset");
    }
    JdkHome.Probe probe = JdkHome.probe(Path.of(home));
    return probe.jdk() != null
        ? place(name, List.of(probe.jdk()), List.of())
        : new Place(name, List.of(), show(Path.of(home)) + " is not a JDK: " + probe.reason());
  }

  private Place root(Path root) {
    String name = show(root);
    if (!Files.isDirectory(root)) {
      return new Place(name, List.of(), "absent");
    }
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(root)) {
      stream.forEach(children::add);
    } catch (IOException e) {
      return new Place(name, List.of(), "unreadable: " + e.getMessage());
    }
    children.sort(null);
    List<Jdk> jdks = new ArrayList<>();
    for (Path child : children) {
      for (Path candidate : List.of(child, child.resolve("Contents/Home"))) {
        JdkHome.Probe probe = JdkHome.probe(candidate);
        if (probe.jdk() != null) {
          jdks.add(probe.jdk());
        }
      }
    }
    return place(name, jdks, List.of());
  }

  private Place place(String name, List<Jdk> jdks, List<String> notes) {
    Set<Path> seen = new LinkedHashSet<>();
    List<Jdk> unique = jdks.stream().filter(j -> seen.add(j.home())).toList();
    List<String> items = new ArrayList<>();
    unique.forEach(j -> items.add(j.feature() + " at " + show(j.home())));
    items.addAll(notes);
    return new Place(name, unique, items.isEmpty() ? "no JDK" : String.join(", ", items));
  }

  private String show(Path path) {
    Path home = userHome.toAbsolutePath().normalize();
    Path p = path.toAbsolutePath().normalize();
    return p.startsWith(home) && !p.equals(home) ? "~/" + home.relativize(p) : p.toString();
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private record Place(String name, List<Jdk> jdks, String description) {}

  private record CacheKey(
      Path userHome,
      Map<String, String> env,
      @Nullable Path javaHome,
      List<Path> roots,
      String request) {}
}
