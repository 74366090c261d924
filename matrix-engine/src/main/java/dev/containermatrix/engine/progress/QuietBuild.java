package dev.containermatrix.engine.progress;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Whether the build asked for quiet output, as Maven's {@code -q}/{@code --quiet}. A Surefire fork
 * cannot ask Maven, and Surefire passes a fork's output through whatever Maven's log level, so it
 * looks at two traces of Maven's command line: {@code MAVEN_CMD_LINE_ARGS}, which the {@code mvn}
 * script exports (and forks inherit), with {@code .mvn/maven.config}'s options in it; and the
 * arguments of the Maven launcher the JVM descends from (see {@code MavenBuildProbe}), for a build
 * started without the script (the Maven wrapper's {@code mvnw} exports the variable too).
 */
@API(status = INTERNAL, since = "0.1")
public final class QuietBuild {
  static final String ARGS_VARIABLE = "MAVEN_CMD_LINE_ARGS";

  private QuietBuild() {}

  /**
   * @param environment this JVM's environment
   * @param mavenArguments the Maven launcher's arguments, if the JVM descends from one
   */
  public static boolean quiet(
      Map<String, String> environment, Optional<List<String>> mavenArguments) {
    String exported = environment.get(ARGS_VARIABLE);
    if (exported != null
        && List.of(exported.trim().split("\\s+")).stream().anyMatch(QuietBuild::isQuiet)) {
      return true;
    }
    return mavenArguments.stream().flatMap(List::stream).anyMatch(QuietBuild::isQuiet);
  }

  private static boolean isQuiet(String argument) {
    return argument.equals("-q") || argument.equals("--quiet");
  }
}
