package dev.containermatrix.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The working directory as a layer for an engine that cannot see this host's files. */
class WorkingDirectoryLayerTest {
  @TempDir Path module;

  @Test
  void holdsTheModulesFilesAtTheirPathsButNotItsBuildOutputNorVersionControl() throws Exception {
    Files.createDirectories(module.resolve("src/test/resources"));
    Files.writeString(module.resolve("src/test/resources/data.txt"), "x");
    Files.writeString(module.resolve("pom.xml"), "<project/>");
    Files.createDirectories(module.resolve("target/test-classes"));
    Files.writeString(module.resolve("target/big.jar"), "jar");
    Files.createDirectories(module.resolve(".git/objects"));
    Files.createDirectories(module.resolve("docs/.git"));
    Files.createSymbolicLink(module.resolve("link"), Path.of("pom.xml"));

    List<String> paths =
        WorkingDirectoryLayer.of(module, List.of(module.resolve("target/test-classes"))).paths();

    String at = module.toString().substring(1);
    assertThat(paths)
        .contains(
            at + "/pom.xml", at + "/src/test/resources/data.txt", at + "/link", at + "/docs/.git")
        .noneMatch(p -> p.startsWith(at + "/target"))
        .noneMatch(p -> p.startsWith(at + "/.git"));
  }

  @Test
  void aSocketInTheWorkingDirectoryIsLeftOut() throws Exception {
    Path socket = module.resolve("s.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));

      List<String> paths = WorkingDirectoryLayer.of(module, List.of()).paths();

      assertThat(paths).noneMatch(p -> p.endsWith("s.sock"));
    }
  }
}
