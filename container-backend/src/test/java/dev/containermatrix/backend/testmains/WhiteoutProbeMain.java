package dev.containermatrix.backend.testmains;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Prints whether deleted paths of its image are gone, one {@code key:value} line each. */
public final class WhiteoutProbeMain {
  private WhiteoutProbeMain() {}

  public static void main(String[] args) throws Exception {
    System.out.println("removed-conf:" + Files.exists(Path.of("/etc/removed.conf")));
    System.out.println("kept-conf:" + Files.exists(Path.of("/etc/kept.conf")));
    try (Stream<Path> doc = Files.list(Path.of("/usr/share/doc"))) {
      System.out.println(
          "doc:"
              + doc.map(p -> p.getFileName().toString()).sorted().collect(Collectors.joining(",")));
    }
  }
}
