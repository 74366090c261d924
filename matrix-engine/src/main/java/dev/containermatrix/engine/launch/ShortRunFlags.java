package dev.containermatrix.engine.launch;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The JVM flags a variant starts with for a short test run (a class matrix's variant): C1 only, the
 * serial collector, a higher compile threshold, class sharing on where it can be. A suite's variant
 * runs long and keeps the JVM's own choices ({@link #forRun}). A matrix asks otherwise through the
 * JVM's own option variables in a config profile's env ({@code JDK_JAVA_OPTIONS} or {@code
 * JAVA_TOOL_OPTIONS}): a collector named there drops the serial collector, a JIT setting drops
 * C1-only, a compile threshold drops ours, so what the matrix sets is what the JVM runs with.
 */
@API(status = INTERNAL, since = "0.1")
public final class ShortRunFlags {
  static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
  static final String SERIAL_GC = "-XX:+UseSerialGC";
  static final String COMPILE_THRESHOLD = "-XX:CompileThresholdScaling=10";
  static final String SHARE_AUTO = "-Xshare:auto";
  static final List<String> DEFAULT = List.of(C1_ONLY, SERIAL_GC, COMPILE_THRESHOLD, SHARE_AUTO);

  /** The option variables the {@code java} launcher and the JVM read. */
  static final List<String> OPTION_VARIABLES = List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS");

  private static final Pattern GC = Pattern.compile("-XX:\\+Use\\w+GC\\b");
  private static final Pattern JIT =
      Pattern.compile("-XX:[+-]?(TieredStopAtLevel|TieredCompilation)\\b|-Xint\\b|-Xcomp\\b");
  private static final Pattern THRESHOLD =
      Pattern.compile("-XX:(CompileThresholdScaling|CompileThreshold)=");

  private ShortRunFlags() {}

  /**
   * The flags of a run of {@code length}: for a short one the short-run flags minus those the
   * variant's env sets otherwise; for a long one only class sharing, the JVM's own choice of JIT
   * and collector, as a plain Surefire fork has it.
   */
  public static List<String> forRun(Map<String, String> env, RunLength length) {
    return length == RunLength.SHORT ? forEnvironment(env) : List.of(SHARE_AUTO);
  }

  /** The short-run flags minus those the variant's env sets otherwise. */
  public static List<String> forEnvironment(Map<String, String> env) {
    String options =
        String.join(" ", OPTION_VARIABLES.stream().map(v -> env.getOrDefault(v, "")).toList());
    List<String> flags = new ArrayList<>(DEFAULT);
    if (GC.matcher(options).find()) {
      flags.remove(SERIAL_GC);
    }
    if (JIT.matcher(options).find()) {
      flags.remove(C1_ONLY);
      flags.remove(COMPILE_THRESHOLD);
    }
    if (THRESHOLD.matcher(options).find()) {
      flags.remove(COMPILE_THRESHOLD);
    }
    return List.copyOf(flags);
  }
}
