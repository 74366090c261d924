package dev.containermatrix.backend.archive;

import dev.containermatrix.backend.oci.Descriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A JVM that commits {@code count} runs named {@code <prefix>-<i>} to the archive at {@code dir}:
 * {@code dir prefix count}.
 */
public final class CommitChildMain {

  private CommitChildMain() {}

  public static void main(String[] args) throws Exception {
    RunArchive archive = RunArchive.open(Path.of(args[0]));
    String prefix = args[1];
    int count = Integer.parseInt(args[2]);
    Descriptor emptyTar = archive.writer().addBlob(new byte[1024], RunArchive.LAYER_MEDIA_TYPE);
    for (int i = 0; i < count; i++) {
      Descriptor image =
          archive
              .writer()
              .addImage(
                  new ImageSpec(
                      List.of(emptyTar),
                      List.of(),
                      List.of("/bin/true"),
                      "",
                      Map.of("run", prefix + "-" + i),
                      ArchiveFixture.runtimeConfig("/bin/true")));
      Descriptor record =
          archive
              .writer()
              .addBlob(
                  (prefix + "-" + i).getBytes(StandardCharsets.UTF_8),
                  RunArchive.RECORD_MEDIA_TYPE);
      archive
          .writer()
          .commitRun(
              prefix + "-" + i,
              Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i),
              record,
              Map.of("v", image));
    }
  }
}
