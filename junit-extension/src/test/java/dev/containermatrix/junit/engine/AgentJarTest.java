package dev.containermatrix.junit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentJarTest {
  @TempDir Path store;

  @Test
  void holdsOnlyTheAgentAndTheAnnotationsATestClassRefersTo() throws IOException {
    Path jar = AgentJar.materialize(store);

    List<String> names = entries(jar);
    assertThat(names)
        .contains(
            "dev/containermatrix/junit/agent/AgentMain.class",
            "dev/containermatrix/junit/agent/VariantVariables.class",
            "dev/containermatrix/junit/Variant.class",
            "dev/containermatrix/junit/ContainerMatrix.class",
            "dev/containermatrix/junit/VariantParameterResolver.class");
    assertThat(names)
        .filteredOn(n -> n.endsWith(".class"))
        .allMatch(
            n -> n.matches("dev/containermatrix/junit/(agent/)?[^/]+\\.class"),
            "a class of the API or agent package");
    assertThat(names)
        .noneMatch(
            n ->
                n.contains("/engine/")
                    || n.contains("/channel/")
                    || n.contains("/backend/")
                    || n.startsWith("com/")
                    || n.startsWith("org/"));
  }

  @Test
  void isWrittenOnceUnderItsDigestAndKeptSoItsPathAndTimeStayTheSame() throws IOException {
    Path first = AgentJar.materialize(store);
    long written = Files.getLastModifiedTime(first).toMillis();
    Files.setLastModifiedTime(first, java.nio.file.attribute.FileTime.fromMillis(written - 60_000));

    Path second = AgentJar.materialize(store);

    assertThat(second).isEqualTo(first);
    assertThat(first.getFileName().toString()).matches("agent-[0-9a-f]{64}\\.jar");
    assertThat(Files.getLastModifiedTime(second).toMillis()).isEqualTo(written - 60_000);
    try (var files = Files.list(store.resolve("agent"))) {
      assertThat(files).containsExactly(first);
    }
  }

  @Test
  void cutFromAJarTheSameAsFromADirectory() throws IOException {
    Path fromDirectory = AgentJar.materialize(store.resolve("a"));

    // the jar just written is a jar holding the same classes: cutting the agent from it gives the
    // same bytes
    var fromJar = AgentJar.classesOf(fromDirectory);

    assertThat(fromJar.keySet())
        .containsExactlyElementsOf(AgentJar.classesOf(AgentJar.codeSource()).keySet());
  }

  private static List<String> entries(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.stream().map(JarEntry::getName).toList();
    }
  }
}
