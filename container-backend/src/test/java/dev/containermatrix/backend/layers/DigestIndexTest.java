package dev.containermatrix.backend.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestIndexTest {
  private static final Digest FIRST = Digest.of("first".getBytes(StandardCharsets.UTF_8));
  private static final Digest SECOND = Digest.of("second".getBytes(StandardCharsets.UTF_8));

  @TempDir Path temp;

  @Test
  void aRememberedDigestIsFoundByAnotherIndexOnTheSameDirectory() throws Exception {
    DigestIndex.in(temp.resolve("jdk")).put("abc", FIRST);

    assertThat(DigestIndex.in(temp.resolve("jdk")).find("abc")).hasValue(FIRST);
    assertThat(DigestIndex.in(temp.resolve("jdk")).find("abd")).isEmpty();
    assertThat(DigestIndex.in(temp.resolve("class-data")).find("abc")).isEmpty();
  }

  @Test
  void aSecondPutReplacesTheEntryAndLeavesNoTemporaryFileBehind() throws Exception {
    DigestIndex index = new DigestIndex(temp.resolve("diffids"), temp.resolve("tmp"));
    index.put("k", FIRST);
    index.put("k", SECOND);

    assertThat(index.find("k")).hasValue(SECOND);
    assertThat(Files.readString(index.entry("k"))).isEqualTo(SECOND.toString());
    try (Stream<Path> temps = Files.list(temp.resolve("tmp"))) {
      assertThat(temps).isEmpty();
    }
  }

  @Test
  void anEntryThatIsNotADigestReadsAsAbsent() throws Exception {
    DigestIndex index = DigestIndex.in(temp);
    Files.writeString(temp.resolve("truncated"), "sha256:abc");
    Files.write(temp.resolve("binary"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
    Files.writeString(temp.resolve("huge"), FIRST + " ".repeat(4096));
    Files.createDirectories(temp.resolve("directory"));

    assertThat(index.find("truncated")).isEmpty();
    assertThat(index.find("binary")).isEmpty();
    assertThat(index.find("huge")).isEmpty();
    assertThat(index.find("directory")).isEmpty();
  }

  @Test
  void aKeyThatIsNotAPlainFileNameIsRefused() {
    DigestIndex index = DigestIndex.in(temp);

    for (String key : new String[] {"../escape", ".hidden", "a/b", "", "x".repeat(129)}) {
      assertThatThrownBy(() -> index.put(key, FIRST))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("index key '" + key + "' is not a plain file name");
    }
    assertThat(temp.getParent().resolve("escape")).doesNotExist();
  }

  @Test
  void removeIfDropsStaleAndUnreadableEntriesButNotTemporaryFiles() throws Exception {
    DigestIndex index = DigestIndex.in(temp);
    index.put("kept", FIRST);
    index.put("stale", SECOND);
    Files.writeString(temp.resolve("garbage"), "not a digest");
    Files.writeString(temp.resolve(".entry123.tmp"), "being written");

    index.removeIf(SECOND::equals);

    assertThat(index.find("kept")).hasValue(FIRST);
    assertThat(temp.resolve("stale")).doesNotExist();
    assertThat(temp.resolve("garbage")).doesNotExist();
    assertThat(temp.resolve(".entry123.tmp")).exists();
  }
}
