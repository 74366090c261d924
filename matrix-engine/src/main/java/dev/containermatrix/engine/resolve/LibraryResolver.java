package dev.containermatrix.engine.resolve;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession.CloseableSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyFilter;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.ArtifactTransferException;
import org.jspecify.annotations.Nullable;

/**
 * Resolves {@code groupId:artifactId:version} with its transitive runtime dependencies (compile and
 * runtime scope, optional ones left out) the way Maven does, with Maven Resolver.
 *
 * <p>Where it looks: first the local repository ({@code maven.repo.local}, else settings' {@code
 * <localRepository>}, else {@code ~/.m2/repository}); then Maven Central, the repositories of the
 * active profiles in settings.xml and the {@code <repositories>} written directly in the project's
 * {@code pom.xml} (not those inherited from parent poms, not interpolated). A later repository with
 * the id of an earlier one replaces it, so a pom may redefine {@code central}. Settings ({@code
 * ~/.m2/settings.xml} over {@code ${maven.home}/conf/settings.xml}) supply mirrors, server
 * credentials, proxies and {@code <offline>}; see {@link MavenSettings} for its limits. The system
 * property {@code containermatrix.offline=true} also makes resolution offline.
 *
 * <p>Results are cached per JVM, keyed by coordinates and by where this resolver looks, failures
 * included: resolving the same coordinates again, from any thread, does not reach Maven Resolver
 * again. Instances are thread-safe. Resolution prints nothing; Maven Resolver logs through SLF4J,
 * which prints a one-time notice to stderr when the JVM has no SLF4J provider.
 */
@API(status = INTERNAL, since = "0.1")
public final class LibraryResolver {
  /** The property that forces offline resolution when {@code true}. */
  public static final String OFFLINE_PROPERTY = "containermatrix.offline";

  private static final String CENTRAL_URL = "https://repo.maven.apache.org/maven2/";
  private static final Set<String> RUNTIME_SCOPES = Set.of("compile", "runtime");
  private static final ConcurrentHashMap<CacheKey, CompletableFuture<List<ResolvedArtifact>>>
      CACHE = new ConcurrentHashMap<>();

  private final MavenSettings settings;
  private final Map<String, String> systemProperties;
  private final Path localRepository;
  private final List<RemoteRepository> repositories;
  private final @Nullable String offlineReason;
  private final String setup;

  /**
   * A resolver for the project in {@code projectBaseDir}, with every host location given.
   *
   * @param projectBaseDir where the project's {@code pom.xml} is (it need not have one)
   * @param userHome where {@code .m2/settings.xml} and the default local repository are
   * @param mavenHome Maven's installation, for {@code conf/settings.xml}; {@code null} for none
   * @param systemProperties read for {@code maven.repo.local}, {@value #OFFLINE_PROPERTY}, and
   *     passed to Maven Resolver (pom profile activation)
   * @param env environment variables, for {@code ${env.X}} in settings
   * @throws LibraryResolutionException when settings.xml or pom.xml is malformed
   */
  public LibraryResolver(
      Path projectBaseDir,
      Path userHome,
      @Nullable Path mavenHome,
      Map<String, String> systemProperties,
      Map<String, String> env) {
    this.systemProperties = Map.copyOf(systemProperties);
    this.settings = MavenSettings.load(userHome, mavenHome, this.systemProperties, env);
    String repoLocal = this.systemProperties.get("maven.repo.local");
    this.localRepository =
        (repoLocal != null && !repoLocal.isBlank()
                ? Path.of(repoLocal.trim())
                : settings.localRepository().orElse(userHome.resolve(".m2").resolve("repository")))
            .toAbsolutePath()
            .normalize();
    Map<String, RemoteRepository> byId = new LinkedHashMap<>();
    byId.put(
        "central",
        MavenSettings.remote(
            "central",
            CENTRAL_URL,
            "default",
            new RepositoryPolicy(),
            new RepositoryPolicy(
                false,
                RepositoryPolicy.UPDATE_POLICY_DAILY,
                RepositoryPolicy.CHECKSUM_POLICY_WARN)));
    settings.profileRepositories().forEach(r -> byId.put(r.getId(), r));
    ProjectRepositories.of(projectBaseDir).forEach(r -> byId.put(r.getId(), r));
    this.repositories = List.copyOf(byId.values());
    if ("true".equalsIgnoreCase(this.systemProperties.get(OFFLINE_PROPERTY))) {
      this.offlineReason = "system property " + OFFLINE_PROPERTY + "=true";
    } else if (settings.offline()) {
      this.offlineReason = "settings.xml has <offline>true</offline>";
    } else {
      this.offlineReason = null;
    }
    this.setup =
        localRepository
            + "|"
            + describe(repositories)
            + "|"
            + offlineReason
            + "|"
            + settings.files();
  }

  /**
   * A resolver for the project in {@code projectBaseDir}, reading this JVM's {@code user.home},
   * system properties and environment; Maven's home is {@code maven.home}, else {@code MAVEN_HOME},
   * else {@code M2_HOME}.
   */
  public static LibraryResolver forProject(Path projectBaseDir) {
    Map<String, String> props = new LinkedHashMap<>();
    System.getProperties().forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
    Map<String, String> env = System.getenv();
    String mavenHome =
        props.getOrDefault("maven.home", env.getOrDefault("MAVEN_HOME", env.get("M2_HOME")));
    return new LibraryResolver(
        projectBaseDir,
        Path.of(System.getProperty("user.home")),
        mavenHome == null || mavenHome.isBlank() ? null : Path.of(mavenHome),
        props,
        env);
  }

  /** The local repository, absolute. */
  public Path localRepository() {
    return localRepository;
  }

  /** True when resolution does not reach remote repositories. */
  public boolean offline() {
    return offlineReason != null;
  }

  /**
   * Resolves {@code coordinates} ({@code groupId:artifactId:version}; an extension and classifier
   * may be given as {@code groupId:artifactId:extension[:classifier]:version}) with its runtime
   * dependencies.
   *
   * @return the artifacts in resolution order, the requested one first; never empty
   * @throws LibraryResolutionException naming the coordinates, the cause, where it looked and what
   *     to do
   */
  public List<ResolvedArtifact> resolve(String coordinates) {
    Objects.requireNonNull(coordinates, "coordinates");
    CacheKey key = new CacheKey(setup, coordinates.trim());
    CompletableFuture<List<ResolvedArtifact>> mine = new CompletableFuture<>();
    CompletableFuture<List<ResolvedArtifact>> cached = CACHE.putIfAbsent(key, mine);
    if (cached == null) {
      try {
        mine.complete(resolveUncached(coordinates.trim()));
      } catch (RuntimeException e) {
        mine.completeExceptionally(e);
      }
      cached = mine;
    }
    try {
      return cached.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  private List<ResolvedArtifact> resolveUncached(String coordinates) {
    Artifact artifact;
    try {
      artifact = new DefaultArtifact(coordinates);
    } catch (IllegalArgumentException e) {
      throw new LibraryResolutionException(
          "Cannot resolve '"
              + coordinates
              + "': it is not groupId:artifactId:version."
              + " Write it like com.fasterxml.jackson.core:jackson-databind:2.21.3.");
    }
    RepositorySystem system = SystemHolder.SYSTEM;
    try (CloseableSession session = newSession(system)) {
      List<RemoteRepository> effective = system.newResolutionRepositories(session, repositories);
      CollectRequest collect =
          new CollectRequest(List.of(new Dependency(artifact, "runtime")), List.of(), effective);
      collect.setRequestContext("containermatrix");
      try {
        List<ArtifactResult> results =
            system
                .resolveDependencies(session, new DependencyRequest(collect, RUNTIME_NOT_OPTIONAL))
                .getArtifactResults();
        List<ResolvedArtifact> out = new ArrayList<>();
        for (ArtifactResult r : results) {
          Artifact a = r.getArtifact();
          out.add(
              new ResolvedArtifact(
                  a.getGroupId(),
                  a.getArtifactId(),
                  a.getVersion(),
                  a.getClassifier(),
                  a.getPath()));
        }
        return List.copyOf(out);
      } catch (DependencyResolutionException e) {
        throw failure(coordinates, e, effective);
      }
    }
  }

  private CloseableSession newSession(RepositorySystem system) {
    return new SessionBuilderSupplier(system)
        .get()
        .withLocalRepositoryBaseDirectories(localRepository)
        .setOffline(offline())
        .setSystemProperties(systemProperties)
        .setMirrorSelector(settings.mirrorSelector())
        .setAuthenticationSelector(settings.authenticationSelector())
        .setProxySelector(settings.proxySelector())
        .build();
  }

  private LibraryResolutionException failure(
      String coordinates, Exception e, List<RemoteRepository> effective) {
    Throwable root = e;
    while (!(root instanceof ArtifactTransferException)
        && root.getCause() != null
        && root.getCause() != root) {
      root = root.getCause();
    }
    String cause =
        root.getClass().getName().startsWith("org.eclipse.aether")
            ? MavenSettings.firstLine(root.getMessage())
            : root.getClass().getSimpleName() + ": " + MavenSettings.firstLine(root.getMessage());
    if (cause.endsWith(".")) {
      cause = cause.substring(0, cause.length() - 1);
    }
    StringBuilder m =
        new StringBuilder("Cannot resolve ")
            .append(coordinates)
            .append(": ")
            .append(cause)
            .append(". ");
    if (offlineReason != null) {
      m.append("Looked only in the local repository ")
          .append(localRepository)
          .append(", offline because ")
          .append(offlineReason)
          .append(" (not consulted: ")
          .append(describe(effective))
          .append("). ")
          .append(
              "Run once online so that it lands in the local repository, or turn offline mode"
                  + " off.");
    } else {
      m.append("Looked in the local repository ")
          .append(localRepository)
          .append(" and online in ")
          .append(describe(effective))
          .append(". ");
      if (root instanceof ArtifactNotFoundException) {
        m.append(
            "Check that the version exists on Maven Central (or in those repositories)"
                + " and that the coordinates are spelled right.");
      } else {
        m.append(
            "Check network access to those repositories and the mirrors, proxies and servers"
                + " in ~/.m2/settings.xml.");
      }
    }
    return new LibraryResolutionException(m.toString(), e);
  }

  private static String describe(List<RemoteRepository> repositories) {
    return repositories.stream()
        .map(r -> r.getId() + " (" + r.getUrl() + ")")
        .collect(Collectors.joining(", "));
  }

  /** Compile and runtime scope, and no optional dependency anywhere on the path from the root. */
  private static final DependencyFilter RUNTIME_NOT_OPTIONAL =
      (node, parents) -> {
        if (isExcluded(node)) {
          return false;
        }
        for (DependencyNode parent : parents) {
          if (isExcluded(parent)) {
            return false;
          }
        }
        return true;
      };

  private static boolean isExcluded(DependencyNode node) {
    Dependency d = node.getDependency();
    return d != null && (d.isOptional() || !RUNTIME_SCOPES.contains(d.getScope()));
  }

  private record CacheKey(String setup, String coordinates) {}

  /** One repository system per JVM, made on first use. */
  private static final class SystemHolder {
    static final RepositorySystem SYSTEM = create();

    /**
     * Maven Resolver logs through SLF4J; a test classpath usually has no SLF4J provider, and SLF4J
     * then prints a three-line notice into every build log. Unless the user chose otherwise, raise
     * SLF4J's own reporting threshold to errors before its first use (this does not touch any
     * logging of the user's).
     */
    private static RepositorySystem create() {
      if (System.getProperty("slf4j.internal.verbosity") == null) {
        System.setProperty("slf4j.internal.verbosity", "ERROR");
      }
      return new RepositorySystemSupplier().get();
    }
  }
}
