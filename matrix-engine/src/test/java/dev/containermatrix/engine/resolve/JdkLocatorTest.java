package dev.containermatrix.engine.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdkLocatorTest {
  @TempDir Path temp;

  private Path home() {
    return temp.resolve("home");
  }

  @Test
  void findsAFeatureVersionInASearchRootAndCountsSymlinkedDuplicatesOnce() throws IOException {
    Path jdks = home().resolve(".jdks");
    Path jdk17 = fakeJdk(jdks.resolve("jdk-17.0.15"), "17.0.15");
    Files.createSymbolicLink(jdks.resolve("java-1.17.0"), jdk17);
    Path jdk25 = fakeJdk(jdks.resolve("jdk-25"), "25.0.3");
    JdkLocator locator =
        new JdkLocator(home(), Map.of(), null, List.of(jdks, temp.resolve("absent")));

    assertThat(locator.locate("17")).isEqualTo(new Jdk(jdk17, 17, "17.0.15"));
    assertThat(locator.locate("25")).isEqualTo(new Jdk(jdk25, 25, "25.0.3"));
    assertThatThrownBy(() -> locator.locate("21"))
        .isInstanceOf(JdkNotFoundException.class)
        .hasMessage(
            "JDK 21 not found. Looked in: ~/.m2/toolchains.xml (absent); JAVA_HOME (unset);"
                + " java.home (unset); ~/.jdks (17 at ~/.jdks/jdk-17.0.15, 25 at ~/.jdks/jdk-25); "
                + temp.resolve("absent")
                + " (absent). Install JDK 21 or declare it in ~/.m2/toolchains.xml.");
  }

  @Test
  void toolchainsComeBeforeJavaHomeEnvBeforeTheRunningJvmBeforeSearchRoots() throws IOException {
    Path fromToolchains = fakeJdk(temp.resolve("tc/jdk17"), "17.0.2");
    Path fromEnv = fakeJdk(temp.resolve("env/jdk17"), "17.0.9");
    Path running = fakeJdk(temp.resolve("running/jdk17"), "17.0.15");
    Path inRoot = fakeJdk(temp.resolve("roots/jdk-17"), "17.0.1");
    Path legacy = fakeJdk(temp.resolve("roots/jdk-8"), "1.8.0_392");
    Files.createDirectories(home().resolve(".m2"));
    Files.writeString(
        home().resolve(".m2/toolchains.xml"),
        """
        <toolchains>
          <toolchain><type>jdk</type><provides><version>[17,18)</version></provides>
            <configuration><jdkHome>${env.TC_HOME}/jdk17</jdkHome></configuration></toolchain>
          <toolchain><type>netbeans</type><configuration><jdkHome>/nowhere</jdkHome></configuration></toolchain>
        </toolchains>
        """);
    Map<String, String> env =
        Map.of("JAVA_HOME", fromEnv.toString(), "TC_HOME", temp.resolve("tc").toString());
    List<Path> roots = List.of(temp.resolve("roots"));

    assertThat(new JdkLocator(home(), env, running, roots).locate("17").home())
        .isEqualTo(fromToolchains);
    assertThat(new JdkLocator(temp, env, running, roots).locate("17").home()).isEqualTo(fromEnv);
    assertThat(new JdkLocator(temp, Map.of(), running, roots).locate("17").home())
        .isEqualTo(running);
    assertThat(new JdkLocator(temp, Map.of(), null, roots).locate("17").home()).isEqualTo(inRoot);
    assertThat(new JdkLocator(temp, Map.of(), null, roots).locate("1.8"))
        .isEqualTo(new Jdk(legacy, 8, "1.8.0_392"));
  }

  @Test
  void reportsWhatIsWrongWithJdksItCouldNotUse() throws IOException {
    Path noJava = temp.resolve("nojava");
    Files.createDirectories(noJava);
    Files.writeString(noJava.resolve("release"), "JAVA_VERSION=\"21.0.1\"\n");
    Files.createDirectories(home().resolve(".m2"));
    Files.writeString(
        home().resolve(".m2/toolchains.xml"),
        "<toolchains><toolchain><type>jdk</type><configuration><jdkHome>"
            + noJava
            + "</jdkHome></configuration></toolchain></toolchains>");
    JdkLocator locator =
        new JdkLocator(home(), Map.of("JAVA_HOME", temp.toString()), null, List.of());

    assertThatThrownBy(() -> locator.locate("21"))
        .hasMessage(
            "JDK 21 not found. Looked in: ~/.m2/toolchains.xml ("
                + noJava
                + " is not a JDK: it has no executable bin/java); JAVA_HOME ("
                + temp
                + " is not a JDK: it has no release file); java.home (unset)."
                + " Install JDK 21 or declare it in ~/.m2/toolchains.xml.");
  }

  @Test
  void acceptsTheAbsolutePathOfAJdkHomeAndNamesWhatIsMissingOtherwise() throws IOException {
    Path jdk = fakeJdk(temp.resolve("my-jdk"), "25.0.3");
    JdkLocator locator = new JdkLocator(home(), Map.of(), null, List.of());

    assertThat(locator.locate(jdk.toString())).isEqualTo(new Jdk(jdk, 25, "25.0.3"));
    assertThatThrownBy(() -> locator.locate(temp.resolve("nope").toString()))
        .isInstanceOf(JdkNotFoundException.class)
        .hasMessage(
            "JDK at "
                + temp.resolve("nope")
                + " is not usable: it does not exist. Give the home folder of a JDK, the one that"
                + " holds bin/java and the release file.");
    assertThatThrownBy(() -> locator.locate("latest"))
        .hasMessage(
            "JDK 'latest' is neither a feature version (like 17 or 25) nor an absolute path to a"
                + " JDK home. Write a version like 17, or the JDK's home folder.");
  }

  @Test
  void cachesWhatItFound() throws IOException {
    Path jdks = temp.resolve("jdks");
    fakeJdk(jdks.resolve("jdk-17"), "17.0.15");
    Jdk first = new JdkLocator(home(), Map.of(), null, List.of(jdks)).locate("17");

    assertThat(new JdkLocator(home(), Map.of(), null, List.of(jdks)).locate("17")).isSameAs(first);
  }

  @Test
  void findsTheHostsJdk17And25InUsrLibJvm() {
    Path jvm = Path.of("/usr/lib/jvm");
    boolean present =
        Files.isDirectory(jvm.resolve("java-17-openjdk-amd64"))
            && Files.isDirectory(jvm.resolve("temurin-25-jdk-amd64"));
    if (!"true".equals(System.getenv("CI"))) {
      assumeTrue(
          present,
          "this host lacks /usr/lib/jvm/java-17-openjdk-amd64 or"
              + " /usr/lib/jvm/temurin-25-jdk-amd64");
    }
    JdkLocator locator = new JdkLocator(home(), Map.of(), null, List.of(jvm));

    Jdk jdk17 = locator.locate("17");
    Jdk jdk25 = locator.locate("25");

    assertThat(jdk17.home()).isEqualTo(jvm.resolve("java-17-openjdk-amd64"));
    assertThat(jdk17.version()).startsWith("17.");
    assertThat(jdk25.home()).isEqualTo(jvm.resolve("temurin-25-jdk-amd64"));
    assertThat(jdk25.java()).isExecutable();
  }

  static Path fakeJdk(Path home, String javaVersion) throws IOException {
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(
        home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + javaVersion + "\"\n");
    Path java = home.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return home.toRealPath();
  }
}
