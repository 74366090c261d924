package dev.containermatrix.junit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostClasspathTest {
  @TempDir Path dir;

  @Test
  void theConsoleLaunchersClassPathLoaderIsReadAfterJavaClassPathWithoutTheEnginesJar()
      throws IOException {
    // java -jar junit-platform-console-standalone.jar execute --class-path
    // target/test-classes:lib.jar:engine.jar
    Path standalone =
        jar(
            "junit-platform-console-standalone.jar",
            null,
            "org/junit/platform/console/ConsoleLauncher.class");
    Path testClasses = Files.createDirectories(dir.resolve("target/test-classes"));
    Path library = jar("lib.jar", null, "lib/Lib.class");
    Path engine =
        jar("junit-extension.jar", null, "dev/containermatrix/junit/agent/AgentMain.class");

    try (URLClassLoader launcherLoader =
        new URLClassLoader(urls(testClasses, library, engine), null)) {
      List<Path> classpath =
          HostClasspath.read(standalone.toString(), launcherLoader, Set.of(engine));

      assertThat(classpath).containsExactly(standalone, testClasses, library);
    }
  }

  @Test
  void theLoadersOfTheEngineAreReadOutermostFirstAndEachEntryOnce() throws IOException {
    Path outer = jar("outer.jar", null, "a/A.class");
    Path inner = jar("inner.jar", null, "b/B.class");

    try (URLClassLoader parent = new URLClassLoader(urls(outer), null);
        URLClassLoader child = new URLClassLoader(urls(inner, outer), parent)) {
      assertThat(HostClasspath.read("", child, Set.of())).containsExactly(outer, inner);
    }
  }

  @Test
  void anIdesClasspathJarIsReplacedByTheEntriesItsManifestNames() throws IOException {
    // IntelliJ's "JAR manifest" shortening: java.class.path is one jar whose Class-Path names the
    // rest as file: URLs
    Path testClasses = Files.createDirectories(dir.resolve("project/target/test-classes"));
    Path library = jar("repo/lib.jar", null, "lib/Lib.class");
    Path classpathJar = jar("tmp/classpath123.jar", testClasses.toUri() + " " + library.toUri());

    assertThat(HostClasspath.parse(classpathJar.toString())).containsExactly(testClasses, library);
  }

  @Test
  void theEnginesJarNamedByAClasspathJarStaysOutOfTheVariantsClasspath() throws IOException {
    Path library = jar("repo/lib.jar", null, "lib/Lib.class");
    Path engine =
        jar("repo/junit-extension.jar", null, "dev/containermatrix/junit/agent/AgentMain.class");
    Path classpathJar = jar("tmp/classpath.jar", library.toUri() + " " + engine.toUri());

    try (URLClassLoader noUrls = new URLClassLoader(new URL[0], null)) {
      assertThat(HostClasspath.read(classpathJar.toString(), noUrls, Set.of(engine)))
          .containsExactly(library);
    }
  }

  @Test
  void aJarWithClassesStaysAndIsFollowedByTheRelativeNamesOfItsClassPath() throws IOException {
    Path helper = jar("libs/helper.jar", null, "h/Helper.class");
    Path other = jar("other.jar", null, "o/Other.class");
    Path app = jar("app.jar", "libs/helper.jar", "app/App.class");

    assertThat(HostClasspath.parse(app + ":" + other)).containsExactly(app, helper, other);
  }

  @Test
  void classPathsAreFollowedIntoNamedJarsAndEachEntryComesOnceEvenInACycle() throws IOException {
    Path c = jar("c.jar", null, "c/C.class");
    Path b = jar("b.jar", "a.jar c.jar", "b/B.class");
    Path a = jar("a.jar", "b.jar", "a/A.class");

    assertThat(HostClasspath.parse(a + ":" + c)).containsExactly(a, b, c);
  }

  @Test
  void namesOfAClassPathThatDoNotExistOrAreNotFilesAreLeftOut() throws IOException {
    Path library = jar("lib.jar", null, "lib/Lib.class");
    Path classpathJar =
        jar("classpath.jar", "missing.jar http://example.com/remote.jar " + library.toUri());

    assertThat(HostClasspath.parse(classpathJar.toString())).containsExactly(library);
  }

  @Test
  void aClassPathEntryThatIsNotAJarIsKeptAsItIs() throws IOException {
    Path notAJar = Files.writeString(dir.resolve("notes.jar"), "not a zip");

    assertThat(HostClasspath.parse(notAJar.toString())).containsExactly(notAJar);
  }

  /**
   * A jar at {@code name} under the temp dir, with manifest {@code Class-Path} (if not null) and
   * empty entries.
   */
  private Path jar(String name, String classPath, String... entries) throws IOException {
    Path jar = dir.resolve(name);
    Files.createDirectories(jar.getParent());
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (classPath != null) {
      manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
    }
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
      for (String entry : entries) {
        jarOut.putNextEntry(new JarEntry(entry));
        jarOut.closeEntry();
      }
    }
    return jar;
  }

  private static URL[] urls(Path... paths) throws IOException {
    URL[] urls = new URL[paths.length];
    for (int i = 0; i < paths.length; i++) {
      urls[i] = paths[i].toUri().toURL();
    }
    return urls;
  }
}
