package dev.containermatrix.backend.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a container starts when files are copied ({@link FileTransfer#COPY}), where nothing can be
 * bound from the host: a {@code /bin/sh} script writes the JVM's argument file from the environment
 * (in pieces, since one variable holds at most 128 KiB), removes those variables, and runs the JVM;
 * with a channel, the JVM's file descriptor 3 is the container's stdout (the events, {@value
 * #CHANNEL_VALUE}) and its own stdout goes to stderr.
 */
final class CopiedStart {
  /** What {@code CONTAINERMATRIX_CHANNEL} says in a container whose events go to fd 3. */
  static final String CHANNEL_VALUE = "fd:3";

  /** The argument file, in the container's private {@code /tmp}. */
  static final String ARGFILE = "/tmp/.containermatrix-java.args";

  /** The variables holding the argument file's pieces: {@code <prefix>0}, {@code <prefix>1}, … */
  static final String PIECE_PREFIX = "CONTAINERMATRIX_JAVA_ARGS_";

  /** Characters per piece: at most 3 bytes each in UTF-8, well under the kernel's 128 KiB. */
  static final int PIECE_CHARS = 32 * 1024;

  /** The most pieces: 1 MiB of arguments, half of what a Linux process may get in all. */
  static final int MAX_PIECES = 32;

  private CopiedStart() {}

  /**
   * The argument file's content in pieces of at most {@link #PIECE_CHARS} characters, never
   * splitting a surrogate pair.
   *
   * @throws IllegalArgumentException when it needs more than {@link #MAX_PIECES} pieces
   */
  static List<String> pieces(String content, String containerId) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    while (start < content.length()) {
      int end = Math.min(content.length(), start + PIECE_CHARS);
      if (end < content.length() && Character.isHighSurrogate(content.charAt(end - 1))) {
        end--;
      }
      pieces.add(content.substring(start, end));
      start = end;
    }
    if (pieces.size() > MAX_PIECES) {
      throw new IllegalArgumentException(
          "the JVM arguments of container "
              + containerId
              + " are "
              + content.length()
              + " characters; with "
              + FileTransfer.CONFIGURATION_KEY
              + "=copy they travel in its environment, which holds at most "
              + MAX_PIECES * PIECE_CHARS
              + ": shorten the classpath (a shorter path for the layer store,"
              + " containermatrix.store), or run the engine on this host with "
              + FileTransfer.CONFIGURATION_KEY
              + "=bind");
    }
    return pieces;
  }

  /** Adds the pieces to {@code environment} as {@code <prefix>0…}. */
  static void putPieces(List<String> pieces, Map<String, String> environment) {
    for (int i = 0; i < pieces.size(); i++) {
      environment.put(PIECE_PREFIX + i, pieces.get(i));
    }
  }

  /**
   * The container's command: the script, then {@code java} and its arguments after the argument
   * file.
   *
   * @param java the JVM's command line: the launcher, {@code @}{@link #ARGFILE}, the main class and
   *     its arguments
   * @param channel whether the events go to the container's stdout
   */
  static List<String> command(int pieces, boolean channel, List<String> java) {
    StringBuilder variables = new StringBuilder();
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < pieces; i++) {
      variables.append(" \"$").append(PIECE_PREFIX).append(i).append('"');
      names.append(' ').append(PIECE_PREFIX).append(i);
    }
    String script =
        (pieces == 0 ? ": > " + ARGFILE : "printf '%s'" + variables + " > " + ARGFILE)
            + " || exit 125\n"
            + (pieces == 0 ? "" : "unset" + names + "\n")
            + (channel ? "exec \"$@\" 3>&1 1>&2\n" : "exec \"$@\"\n");
    List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", script, "sh"));
    command.addAll(java);
    return command;
  }
}
