package dev.containermatrix.backend.hostprocess;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.spi.JvmCommand;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The command line of a container's JVM: {@code <javaHome>/bin/java @<argFile> <mainClass>
 * <arguments>}. The classpath and JVM options go into the argument file, so no length limit of the
 * kernel ({@code MAX_ARG_STRLEN}, 128 KiB per argument) applies to them; the main class and its
 * arguments stay on the command line, where the launcher takes them literally.
 */
@API(status = INTERNAL, since = "0.1")
public final class JvmCommandLine {

  private final JvmCommand command;
  private final Path argFile;

  public JvmCommandLine(JvmCommand command, Path argFile) {
    this.command = command;
    this.argFile = argFile;
  }

  /** The argument vector to execute. */
  public List<String> command() {
    List<String> out = new ArrayList<>();
    out.add(command.javaLauncher().toString());
    out.add("@" + argFile);
    out.add(command.mainClass());
    out.addAll(command.arguments());
    return out;
  }

  /**
   * The argument file's content: {@code -cp}, the classpath, then each JVM option, one per line.
   */
  public String argFileContent() {
    List<String> classpath = new ArrayList<>();
    command.classpath().forEach(entry -> classpath.add(entry.toString()));
    StringBuilder out = new StringBuilder();
    out.append("-cp\n").append(quote(String.join(File.pathSeparator, classpath))).append('\n');
    command.jvmOptions().forEach(option -> out.append(quote(option)).append('\n'));
    return out.toString();
  }

  /**
   * {@code value} in double quotes, as the JDK's argument file parser reads it: within quotes a
   * backslash escapes {@code \ " n r t f}.
   */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\f' -> out.append("\\f");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
