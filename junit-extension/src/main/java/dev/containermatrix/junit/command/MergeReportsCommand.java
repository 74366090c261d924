package dev.containermatrix.junit.command;

import dev.containermatrix.engine.report.ReportFiles;
import dev.containermatrix.engine.report.ReportMerge;
import dev.containermatrix.engine.report.ReportMergeException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code merge-reports [-o <dir>] <report files or directories>}: merges the reports of the shards
 * of one run (or of several runs of different classes) into {@code <dir>/report.json} (default
 * {@code .}), see {@link ReportMerge}.
 */
final class MergeReportsCommand {
  static final String NAME = "merge-reports";
  static final String USAGE =
      "       java -jar junit-extension.jar merge-reports [-o <dir>] <report files or"
          + " directories>...\n"
          + "         merges report-<k>-of-<n>.json (or report.json) files into <dir>/report.json"
          + " (default: the current directory)";

  private MergeReportsCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    Path output = Path.of(".");
    List<Path> inputs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-o") || arg.equals("--output")) {
        if (i + 1 == args.length) {
          return usage(err, arg + " needs a directory");
        }
        output = Path.of(args[++i]);
      } else if (arg.startsWith("-") && !arg.equals("-")) {
        return usage(err, "unknown option " + arg);
      } else {
        inputs.add(Path.of(arg));
      }
    }
    if (inputs.isEmpty()) {
      return usage(
          err,
          "merge-reports needs the reports to merge: report-<k>-of-<n>.json or report.json files,"
              + " or the directories that hold them");
    }
    try {
      List<ReportFiles.Input> reports =
          ReportFiles.find(inputs).stream().map(ReportFiles::read).toList();
      Path written = ReportMerge.write(ReportMerge.merge(reports), output);
      out.println(
          "merged "
              + reports.size()
              + (reports.size() == 1 ? " report" : " reports")
              + " into "
              + written.toAbsolutePath().normalize());
      return 0;
    } catch (ReportMergeException | UncheckedIOException e) {
      err.println(e.getMessage());
      return 1;
    }
  }

  private static int usage(PrintStream err, String problem) {
    err.println(problem);
    err.println("usage:");
    err.println(USAGE);
    return 2;
  }
}
