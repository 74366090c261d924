package dev.containermatrix.engine.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryResolverTest {
  private static final String CENTRAL = "central (https://repo.maven.apache.org/maven2/)";

  @TempDir Path temp;

  @Test
  void resolvesJacksonDatabindWithItsRuntimeDependenciesFromTheHostSetup() {
    LibraryResolver resolver = LibraryResolver.forProject(temp);

    List<ResolvedArtifact> artifacts =
        resolver.resolve("com.fasterxml.jackson.core:jackson-databind:2.21.3");

    assertThat(artifacts.get(0).coordinates())
        .isEqualTo("com.fasterxml.jackson.core:jackson-databind:2.21.3");
    assertThat(artifacts)
        .extracting(ResolvedArtifact::key)
        .containsExactlyInAnyOrder(
            "com.fasterxml.jackson.core:jackson-databind",
            "com.fasterxml.jackson.core:jackson-core",
            "com.fasterxml.jackson.core:jackson-annotations");
    assertThat(artifacts)
        .allSatisfy(
            a -> {
              assertThat(a.file()).isRegularFile().startsWith(resolver.localRepository());
              assertThat(a.classifier()).isEmpty();
            });
  }

  @Test
  void resolvingTheSameCoordinatesAgainReturnsTheCachedResultEvenFromAnotherResolver() {
    List<ResolvedArtifact> first =
        LibraryResolver.forProject(temp).resolve("com.fasterxml.jackson.core:jackson-core:2.21.3");
    List<ResolvedArtifact> second =
        LibraryResolver.forProject(temp).resolve(" com.fasterxml.jackson.core:jackson-core:2.21.3");

    assertThat(second).isSameAs(first);
  }

  @Test
  void nonExistentVersionNamesCoordinatesCauseWhereItLookedAndWhatToDo() {
    Path local = temp.resolve("local");
    LibraryResolver resolver =
        new LibraryResolver(
            temp,
            temp.resolve("home"),
            null,
            Map.of("maven.repo.local", local.toString()),
            Map.of());

    assertThatThrownBy(
            () -> resolver.resolve("com.fasterxml.jackson.core:jackson-databind:0.0.0-nope"))
        .isInstanceOf(LibraryResolutionException.class)
        .hasMessage(
            "Cannot resolve com.fasterxml.jackson.core:jackson-databind:0.0.0-nope: Could not find"
                + " artifact com.fasterxml.jackson.core:jackson-databind:jar:0.0.0-nope in "
                + CENTRAL
                + "."
                + " Looked in the local repository "
                + local
                + " and online in "
                + CENTRAL
                + "."
                + " Check that the version exists on Maven Central (or in those repositories)"
                + " and that the coordinates are spelled right.");
  }

  @Test
  void offlineWithoutTheArtifactLocallySaysToRunOnceOnline() throws IOException {
    Path home = temp.resolve("home");
    Path local = temp.resolve("local");
    writeSettings(home, "<localRepository>" + local + "</localRepository><offline>true</offline>");
    LibraryResolver resolver = new LibraryResolver(temp, home, null, Map.of(), Map.of());

    assertThat(resolver.offline()).isTrue();
    assertThatThrownBy(() -> resolver.resolve("com.fasterxml.jackson.core:jackson-databind:2.21.3"))
        .isInstanceOf(LibraryResolutionException.class)
        .hasMessage(
            "Cannot resolve com.fasterxml.jackson.core:jackson-databind:2.21.3: Cannot access"
                + " central (https://repo.maven.apache.org/maven2/) in offline mode and the"
                + " artifact com.fasterxml.jackson.core:jackson-databind:jar:2.21.3 has not been"
                + " downloaded from it before. Looked only in the local repository "
                + local
                + ", offline because settings.xml has <offline>true</offline> (not consulted: "
                + CENTRAL
                + "). Run once online so that it lands in the local repository, or turn offline"
                + " mode off.");
  }

  @Test
  void offlinePropertyMakesResolutionOffline() {
    LibraryResolver resolver =
        new LibraryResolver(
            temp,
            temp.resolve("home"),
            null,
            Map.of(LibraryResolver.OFFLINE_PROPERTY, "true"),
            Map.of());

    assertThat(resolver.offline()).isTrue();
    assertThat(resolver.localRepository()).isEqualTo(temp.resolve("home/.m2/repository"));
  }

  @Test
  void resolvesThroughASettingsMirrorOfEveryExternalRepositoryIncludingThePomsOwn()
      throws IOException {
    FakeRepository remote = new FakeRepository(temp.resolve("remote"));
    remote.put(
        "org.example",
        "tiny",
        "1.0",
        """
        <dependency><groupId>org.example</groupId><artifactId>tiny-dep</artifactId><version>1.0</version></dependency>
        <dependency><groupId>org.example</groupId><artifactId>absent-optional</artifactId><version>1.0</version>
          <optional>true</optional></dependency>
        <dependency><groupId>org.example</groupId><artifactId>absent-test</artifactId><version>1.0</version>
          <scope>test</scope></dependency>
        """);
    remote.put("org.example", "tiny-dep", "1.0", "");
    Path home = temp.resolve("home");
    Path local = temp.resolve("local");
    writeSettings(
        home,
        "<localRepository>${user.home}/../local</localRepository>"
            + "<mirrors><mirror><id>fake-mirror</id><mirrorOf>external:*</mirrorOf><url>"
            + remote.url()
            + "</url></mirror></mirrors>");
    Path project = temp.resolve("project");
    Files.createDirectories(project);
    Files.writeString(
        project.resolve("pom.xml"),
        """
        <project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>y</artifactId><version>1</version>
          <repositories><repository><id>project-repo</id><url>https://repo.example.invalid/maven</url></repository></repositories>
        </project>
        """);
    LibraryResolver resolver = new LibraryResolver(project, home, null, Map.of(), Map.of());

    List<ResolvedArtifact> artifacts = resolver.resolve("org.example:tiny:1.0");

    assertThat(artifacts)
        .extracting(ResolvedArtifact::coordinates)
        .containsExactly("org.example:tiny:1.0", "org.example:tiny-dep:1.0");
    assertThat(artifacts.get(0).file())
        .isEqualTo(local.toAbsolutePath().normalize().resolve("org/example/tiny/1.0/tiny-1.0.jar"))
        .isRegularFile();
    assertThatThrownBy(() -> resolver.resolve("org.example:tiny:2.0"))
        .hasMessageContaining(
            "Looked in the local repository "
                + local.toAbsolutePath().normalize()
                + " and online in fake-mirror ("
                + remote.url()
                + ").");
  }

  @Test
  void concurrentResolutionsOfTheSameCoordinatesShareOneResult() throws Exception {
    FakeRepository remote = new FakeRepository(temp.resolve("remote"));
    remote.put("org.example", "shared", "1.0", "");
    Path home = temp.resolve("home");
    writeSettings(
        home,
        "<localRepository>"
            + temp.resolve("local")
            + "</localRepository>"
            + "<mirrors><mirror><id>m</id><mirrorOf>*</mirrorOf><url>"
            + remote.url()
            + "</url></mirror></mirrors>");
    LibraryResolver resolver = new LibraryResolver(temp, home, null, Map.of(), Map.of());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<ResolvedArtifact>>> results =
          pool.invokeAll(Collections.nCopies(8, () -> resolver.resolve("org.example:shared:1.0")));
      List<ResolvedArtifact> first = results.get(0).get();
      for (Future<List<ResolvedArtifact>> result : results) {
        assertThat(result.get()).isSameAs(first);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void malformedCoordinatesSayHowToWriteThem() {
    LibraryResolver resolver = LibraryResolver.forProject(temp);

    assertThatThrownBy(() -> resolver.resolve("jackson-databind"))
        .isInstanceOf(LibraryResolutionException.class)
        .hasMessage(
            "Cannot resolve 'jackson-databind': it is not groupId:artifactId:version."
                + " Write it like com.fasterxml.jackson.core:jackson-databind:2.21.3.");
  }

  static void writeSettings(Path home, String body) throws IOException {
    Files.createDirectories(home.resolve(".m2"));
    Files.writeString(home.resolve(".m2/settings.xml"), "<settings>" + body + "</settings>");
  }
}
