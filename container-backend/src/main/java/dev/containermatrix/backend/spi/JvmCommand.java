package dev.containermatrix.backend.spi;

import static dev.containermatrix.backend.spi.Checks.absolute;
import static dev.containermatrix.backend.spi.Checks.check;
import static dev.containermatrix.backend.spi.Checks.noNul;
import static dev.containermatrix.backend.spi.Checks.notNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The JVM a container runs, with every path as the container sees it. Backends build the real
 * command line from it ({@code <javaHome>/bin/java}, options, {@code -cp}, main class, arguments),
 * passing long parts through a JVM {@code @argfile}, so the JDK must be 9 or later.
 *
 * @param javaHome the JDK or JRE; absolute
 * @param classpath entries in order; absolute; at least one
 * @param jvmOptions options before the main class, e.g. {@code -Xmx256m}; not {@code -cp}, {@code
 *     -classpath}, {@code --class-path} or {@code -jar}
 * @param mainClass binary name of the class to run, e.g. {@code com.example.Main}
 * @param arguments the main class's arguments
 * @param javaHomeInImage whether {@code javaHome} is a JDK inside the container's base image (a JDK
 *     axis value that names an image): then the backend must use the image's JDK and mount nothing
 *     of the host's at that path, and a backend that runs host JVMs cannot run it
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record JvmCommand(
    Path javaHome,
    List<Path> classpath,
    List<String> jvmOptions,
    String mainClass,
    List<String> arguments,
    boolean javaHomeInImage) {

  private static final Set<String> CLASSPATH_OPTIONS =
      Set.of("-cp", "-classpath", "--class-path", "-jar");
  private static final String JAVA_NAME =
      "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*";

  public JvmCommand {
    absolute(javaHome, "javaHome");
    notNull(mainClass, "mainClass");
    check(
        mainClass.matches(JAVA_NAME + "(\\." + JAVA_NAME + ")*"),
        "main class must be a binary class name such as com.example.Main, was \"%s\"",
        mainClass);
    classpath = List.copyOf(notNull(classpath, "classpath"));
    check(
        !classpath.isEmpty(),
        "the classpath of main class %s is empty: add the jar or directory that holds it",
        mainClass);
    classpath.forEach(entry -> absolute(entry, "classpath entry"));
    jvmOptions = List.copyOf(notNull(jvmOptions, "jvmOptions"));
    for (String option : jvmOptions) {
      noNul(option, "JVM option");
      check(
          !CLASSPATH_OPTIONS.contains(option) && !option.startsWith("--class-path="),
          "JVM option \"%s\" sets the classpath: put classpath entries in JvmCommand.classpath"
              + " instead",
          option);
    }
    arguments = List.copyOf(notNull(arguments, "arguments"));
    arguments.forEach(argument -> noNul(argument, "argument"));
  }

  /** A JVM of a JDK on the host (or one the backend provides at that path), not in the image. */
  public JvmCommand(
      Path javaHome,
      List<Path> classpath,
      List<String> jvmOptions,
      String mainClass,
      List<String> arguments) {
    this(javaHome, classpath, jvmOptions, mainClass, arguments, false);
  }

  /** This command with {@code classpath} and {@code jvmOptions} instead of its own. */
  public JvmCommand withClasspathAndOptions(List<Path> classpath, List<String> jvmOptions) {
    return new JvmCommand(javaHome, classpath, jvmOptions, mainClass, arguments, javaHomeInImage);
  }

  /** The JVM launcher: {@code <javaHome>/bin/java}. */
  public Path javaLauncher() {
    return javaHome.resolve("bin").resolve("java");
  }
}
