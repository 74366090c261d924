package dev.containermatrix.engine.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.backend.HostCommand;
import dev.containermatrix.backend.HostRequirements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCommitTest {
  @TempDir Path dir;

  @Test
  void namesTheCommitAndMarksUncommittedChangesAndIsEmptyOutsideAWorkTree() throws Exception {
    HostRequirements.require(HostCommand.works("git", "--version"), "git (apt-get install git)");
    assertThat(GitCommit.of(dir)).as("not a work tree").isEmpty();

    Map<String, String> env =
        Map.of(
            "GIT_AUTHOR_NAME",
            "t",
            "GIT_AUTHOR_EMAIL",
            "t@example.com",
            "GIT_COMMITTER_NAME",
            "t",
            "GIT_COMMITTER_EMAIL",
            "t@example.com");
    HostCommand.run(dir, env, "git", "init", "-q");
    Files.writeString(dir.resolve("pom.xml"), "<project/>");
    HostCommand.run(dir, env, "git", "add", "pom.xml");
    HostCommand.run(dir, env, "git", "commit", "-q", "-m", "first");
    String head = HostCommand.run(dir, env, "git", "rev-parse", "HEAD");

    assertThat(GitCommit.of(dir)).contains(head);
    Files.writeString(dir.resolve("pom.xml"), "<project><!-- changed --></project>");
    assertThat(GitCommit.of(dir)).contains(head + "-dirty");
  }
}
