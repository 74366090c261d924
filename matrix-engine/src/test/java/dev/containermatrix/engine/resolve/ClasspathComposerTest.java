package dev.containermatrix.engine.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.engine.expand.LibrarySelection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathComposerTest {
  private static final String JACKSON = "com.fasterxml.jackson.core";
  private static final LibrarySelection DATABIND_2_21_3 =
      new LibrarySelection("jackson-databind", JACKSON, "jackson-databind", "2.21.3");

  @TempDir Path temp;
  private LibraryResolver resolver;
  private Path classes;

  @BeforeEach
  void setUp() throws IOException {
    resolver = LibraryResolver.forProject(temp);
    classes = Files.createDirectories(temp.resolve("target/test-classes"));
  }

  @Test
  void replacesTheSelectedArtifactAndItsDependenciesInPlace() {
    List<Path> jackson223 = files("com.fasterxml.jackson.core:jackson-databind:2.23.0");
    Path other = file("org.yaml:snakeyaml:2.5");
    List<Path> host =
        List.of(classes, jackson223.get(0), jackson223.get(1), jackson223.get(2), other);
    List<Path> jackson2213 = files("com.fasterxml.jackson.core:jackson-databind:2.21.3");

    ComposedClasspath composed =
        new ClasspathComposer(resolver).compose(host, List.of(DATABIND_2_21_3));

    assertThat(composed.entries())
        .containsExactly(
            classes, jackson2213.get(0), jackson2213.get(1), jackson2213.get(2), other);
    assertThat(composed.replaced())
        .containsExactly(
            JACKSON + ":jackson-databind 2.23.0 -> 2.21.3",
            JACKSON + ":jackson-annotations 2.23 -> 2.21",
            JACKSON + ":jackson-core 2.23.0 -> 2.21.3");
  }

  @Test
  void addsMissingDependenciesRightAfterTheSelectedArtifact() {
    Path databind223 = files("com.fasterxml.jackson.core:jackson-databind:2.23.0").get(0);
    Path other = file("org.yaml:snakeyaml:2.5");
    List<Path> jackson2213 = files("com.fasterxml.jackson.core:jackson-databind:2.21.3");

    ComposedClasspath composed =
        new ClasspathComposer(resolver)
            .compose(List.of(classes, databind223, other), List.of(DATABIND_2_21_3));

    assertThat(composed.entries())
        .containsExactly(
            classes, jackson2213.get(0), jackson2213.get(1), jackson2213.get(2), other);
    assertThat(composed.replaced()).containsExactly(JACKSON + ":jackson-databind 2.23.0 -> 2.21.3");
  }

  @Test
  void appendsEverythingWhenTheSelectedArtifactIsNotOnTheClasspath() {
    Path other = file("org.yaml:snakeyaml:2.5");
    List<Path> jackson2213 = files("com.fasterxml.jackson.core:jackson-databind:2.21.3");

    ComposedClasspath composed =
        new ClasspathComposer(resolver).compose(List.of(classes, other), List.of(DATABIND_2_21_3));

    assertThat(composed.entries())
        .containsExactly(
            classes, other, jackson2213.get(0), jackson2213.get(1), jackson2213.get(2));
    assertThat(composed.replaced()).isEmpty();
  }

  @Test
  void aSelectedArtifactWinsOverAnotherSelectionsDependency() {
    List<Path> jackson223 = files("com.fasterxml.jackson.core:jackson-databind:2.23.0");
    List<Path> host = List.of(jackson223.get(0), jackson223.get(1), jackson223.get(2));
    LibrarySelection core = new LibrarySelection("jackson-core", JACKSON, "jackson-core", "2.22.3");

    ComposedClasspath composed =
        new ClasspathComposer(resolver).compose(host, List.of(DATABIND_2_21_3, core));

    assertThat(composed.replaced())
        .containsExactly(
            JACKSON + ":jackson-databind 2.23.0 -> 2.21.3",
            JACKSON + ":jackson-annotations 2.23 -> 2.21",
            JACKSON + ":jackson-core 2.23.0 -> 2.22.3");
  }

  @Test
  void identityComesFromPomPropertiesElseFromTheRepositoryLayoutElseIsUnknown() throws IOException {
    Path repo = temp.resolve("repo");
    Path withProps = new FakeRepository(repo).put("org.example", "tiny", "1.0", "");
    Path layoutOnly = repo.resolve("org/example/bare/2.0/bare-2.0.jar");
    FakeRepository.write(layoutOnly, FakeRepository.jar("x", "y", "z", false));
    Path elsewhere = temp.resolve("lib/bare-2.0.jar");
    FakeRepository.write(elsewhere, FakeRepository.jar("x", "y", "z", false));

    assertThat(ArtifactIdentity.of(withProps, repo))
        .contains(new ArtifactIdentity("org.example", "tiny", "1.0"));
    assertThat(ArtifactIdentity.of(layoutOnly, repo))
        .contains(new ArtifactIdentity("org.example", "bare", "2.0"));
    assertThat(ArtifactIdentity.of(elsewhere, repo)).isEmpty();
    assertThat(ArtifactIdentity.of(classes, repo)).isEmpty();
  }

  private List<Path> files(String coordinates) {
    return resolver.resolve(coordinates).stream().map(ResolvedArtifact::file).toList();
  }

  private Path file(String coordinates) {
    return files(coordinates).get(0);
  }
}
