package dev.containermatrix.backend.hostfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegularFileTest {

  @TempDir Path temp;

  @Test
  void readsARegularFile() throws Exception {
    Path file = Files.writeString(temp.resolve("file"), "content");

    assertThat(RegularFile.size(file)).isEqualTo(7);
    try (InputStream in = RegularFile.open(file)) {
      assertThat(in.readAllBytes()).asString().isEqualTo("content");
    }
  }

  @Test
  void refusesALinkAFifoAndADirectoryWithoutOpeningThem() throws Exception {
    Path file = Files.writeString(temp.resolve("file"), "content");
    Path link = Files.createSymbolicLink(temp.resolve("link"), file);
    Path fifo = temp.resolve("fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

    assertThatThrownBy(() -> RegularFile.open(link))
        .isInstanceOf(RegularFile.NotRegularFileException.class)
        .hasMessage(link + ": it is a symbolic link, not a regular file");
    assertThatThrownBy(() -> RegularFile.open(fifo))
        .hasMessage(fifo + ": it is a FIFO, not a regular file");
    assertThatThrownBy(() -> RegularFile.size(temp))
        .hasMessage(temp + ": it is a directory, not a regular file");
  }
}
