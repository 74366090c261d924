package dev.containermatrix.junit.command;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.containermatrix.backend.archive.ArchiveCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The Main-Class of the junit-extension jar: {@code merge-reports} (see {@link
 * MergeReportsCommand}); {@code list}, {@code verify}, {@code export} and {@code prune} go to the
 * archive tool ({@link ArchiveCommand}) unchanged.
 *
 * <p>Exit status: 0 done, 1 an input or I/O error, 2 bad arguments (usage is printed).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ContainerMatrixCommand {
  static final Set<String> ARCHIVE_COMMANDS = Set.of("list", "verify", "export", "prune");

  static final String USAGE = ArchiveCommand.USAGE + "\n" + MergeReportsCommand.USAGE;

  private ContainerMatrixCommand() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs the command {@code args[0]}; returns its exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length > 0 && args[0].equals(MergeReportsCommand.NAME)) {
      return MergeReportsCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
    }
    if (args.length > 0 && ARCHIVE_COMMANDS.contains(args[0])) {
      return ArchiveCommand.run(args, out, err);
    }
    err.println(
        args.length == 0
            ? "expected a command"
            : "unknown command \""
                + args[0]
                + "\"; the commands are list, verify, export, prune"
                + " and merge-reports");
    err.println(USAGE);
    return 2;
  }
}
