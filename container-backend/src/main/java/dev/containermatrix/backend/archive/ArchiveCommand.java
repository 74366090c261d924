package dev.containermatrix.backend.archive;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * The archive on the command line:
 *
 * <pre>
 * list   &lt;dir&gt;                                  runs with their own and total size, and a total line
 * verify &lt;dir&gt; &lt;runId&gt;                          reads every blob of the run
 * export &lt;dir&gt; &lt;runId&gt; &lt;variantId&gt; &lt;tar&gt;       a docker-archive for docker load, and its config.json
 * prune  &lt;dir&gt; [--keep-last N] [--keep-days D] [--keep-size S]
 *                                             removes runs neither count nor age rule keeps, and the oldest runs
 *                                             beyond size S (e.g. 10GB), then unreferenced blobs
 * </pre>
 *
 * Exit status: 0 done, 1 the archive is corrupt or an I/O error, 2 bad arguments (usage is
 * printed).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ArchiveCommand {

  public static final String USAGE =
      String.join(
          "\n",
          "usage: java -jar junit-extension.jar list <dir>",
          "       java -jar junit-extension.jar verify <dir> <runId>",
          "       java -jar junit-extension.jar export <dir> <runId> <variantId> <tar>",
          "       java -jar junit-extension.jar prune <dir> [--keep-last N] [--keep-days D]"
              + " [--keep-size S]",
          "  (junit-extension.jar: the jar of dev.containermatrix:junit-extension, e.g. from"
              + " ~/.m2/repository)");

  private ArchiveCommand() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs the command; returns its exit status. */
  @API(status = INTERNAL, since = "0.1")
  public static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      if (args.length < 2) {
        throw new IllegalArgumentException("expected a command and an archive directory");
      }
      Path directory = Path.of(args[1]);
      switch (args[0]) {
        case "list" -> {
          arity(args, 2);
          list(RunArchive.open(directory), out);
        }
        case "verify" -> {
          arity(args, 3);
          RunArchive archive = RunArchive.open(directory);
          archive.reader().verify(runOf(archive, args[2]));
          out.println("run " + args[2] + " in " + archive.directory() + ": every blob checks out");
        }
        case "export" -> {
          arity(args, 5);
          RunArchive archive = RunArchive.open(directory);
          Path tar = Path.of(args[4]).toAbsolutePath();
          Path config = archive.reader().export(runOf(archive, args[2]), args[3], tar);
          out.println(
              "wrote "
                  + tar
                  + " (docker load -i "
                  + tar
                  + "; tag "
                  + DockerArchiveWriter.tag(args[2], args[3])
                  + ") and its OCI runtime config "
                  + config);
        }
        case "prune" -> prune(args, out);
        default -> throw new IllegalArgumentException("unknown command \"" + args[0] + "\"");
      }
      return 0;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      return 2;
    } catch (IOException | IllegalStateException e) {
      err.println(e.getMessage());
      return 1;
    }
  }

  private static void prune(String[] args, PrintStream out) throws IOException {
    OptionalInt keepLast = OptionalInt.empty();
    Optional<Duration> keepFor = Optional.empty();
    OptionalLong keepBytes = OptionalLong.empty();
    for (int i = 2; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      String value = args[i + 1];
      switch (args[i]) {
        case "--keep-last" -> keepLast = OptionalInt.of(number(args[i], value));
        case "--keep-days" ->
            keepFor = Optional.of(Duration.of(number(args[i], value), ChronoUnit.DAYS));
        case "--keep-size" ->
            keepBytes =
                OptionalLong.of(
                    ByteSize.parse(value)
                        .orElseThrow(
                            () ->
                                new IllegalArgumentException(
                                    "--keep-size needs a size such as 500MB or 10GB (a whole number"
                                        + " and KB, MB, GB or TB), was \""
                                        + value
                                        + "\"")));
        default -> throw new IllegalArgumentException("unknown option \"" + args[i] + "\"");
      }
    }
    RunArchive archive = RunArchive.open(Path.of(args[1]));
    RetentionResult result =
        archive.accounts().retain(new RetentionPolicy(keepLast, keepFor).withKeepBytes(keepBytes));
    out.println(
        "removed "
            + result.removedRuns().size()
            + " runs "
            + result.removedRuns()
            + " and "
            + result.removedBlobs()
            + " blobs, freed "
            + human(result.freedBytes()));
  }

  private static void list(RunArchive archive, PrintStream out) throws IOException {
    List<RunUsage> usage = archive.accounts().usage();
    int width = Math.max(6, usage.stream().mapToInt(u -> u.runId().length()).max().orElse(0));
    out.printf(
        Locale.ROOT,
        "%-" + width + "s  %-24s  %8s  %10s  %10s%n",
        "RUN",
        "CREATED",
        "VARIANTS",
        "OWN",
        "TOTAL");
    long own = 0;
    for (RunUsage run : usage) {
      out.printf(
          Locale.ROOT,
          "%-" + width + "s  %-24s  %8d  %10s  %10s%n",
          run.runId(),
          run.created(),
          run.variants(),
          human(run.ownBytes()),
          human(run.totalBytes()));
      own += run.ownBytes();
    }
    long all = archive.accounts().blobBytes();
    out.printf(
        Locale.ROOT,
        "%-" + width + "s  %-24s  %8s  %10s  %10s%n",
        "total",
        usage.size() + " runs",
        "",
        human(own),
        human(all));
  }

  private static ArchivedRun runOf(RunArchive archive, String runId) throws IOException {
    return archive
        .reader()
        .run(runId)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "the archive "
                        + archive.directory()
                        + " has no run \""
                        + runId
                        + "\"; list shows the runs it has"));
  }

  private static void arity(String[] args, int expected) {
    if (args.length != expected) {
      throw new IllegalArgumentException(
          args[0] + " takes " + (expected - 1) + " arguments, got " + (args.length - 1));
    }
  }

  private static int number(String option, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        option + " needs a whole number of 0 or more, was \"" + value + "\"");
  }

  /** Bytes in binary units, like {@code du -h}: {@code 512B}, {@code 1.5K}, {@code 20M}. */
  static String human(long bytes) {
    String[] units = {"B", "K", "M", "G", "T"};
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0
        ? bytes + "B"
        : value < 10
            ? String.format(Locale.ROOT, "%.1f%s", value, units[unit])
            : String.format(Locale.ROOT, "%.0f%s", value, units[unit]);
  }
}
