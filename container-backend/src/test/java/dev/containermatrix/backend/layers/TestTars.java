package dev.containermatrix.backend.layers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Hand-made tars with any entry names, as a hostile or foreign image could hold them. */
final class TestTars {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TarArchiveOutputStream tar =
      new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name());

  TestTars() {
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
  }

  TestTars directory(String name) {
    return put(new TarArchiveEntry(name.endsWith("/") ? name : name + "/"), null);
  }

  TestTars file(String name, String content) {
    return put(new TarArchiveEntry(name, true), content.getBytes(StandardCharsets.UTF_8));
  }

  TestTars file(String name, byte[] content) {
    return put(new TarArchiveEntry(name), content);
  }

  /** A regular file with the given mode bits (setuid 04000 and the like included). */
  TestTars file(String name, String content, int mode) {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(0100000 | mode);
    return put(entry, content.getBytes(StandardCharsets.UTF_8));
  }

  TestTars directory(String name, int mode) {
    TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
    entry.setMode(040000 | mode);
    return put(entry, null);
  }

  /**
   * A character device ({@link TarConstants#LF_CHR}), block device ({@link TarConstants#LF_BLK}) or
   * FIFO ({@link TarConstants#LF_FIFO}).
   */
  TestTars special(String name, byte type, int major, int minor) {
    TarArchiveEntry entry = new TarArchiveEntry(name, type);
    entry.setDevMajor(major);
    entry.setDevMinor(minor);
    entry.setMode(0666);
    return put(entry, null);
  }

  TestTars symlink(String name, String target) {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
    entry.setLinkName(target);
    return put(entry, null);
  }

  TestTars hardLink(String name, String target) {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK);
    entry.setLinkName(target);
    return put(entry, null);
  }

  byte[] toBytes() {
    try {
      tar.finish();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private TestTars put(TarArchiveEntry entry, byte[] content) {
    try {
      entry.setUserName("");
      entry.setGroupName("");
      if (content != null) {
        entry.setSize(content.length);
      }
      tar.putArchiveEntry(entry);
      if (content != null) {
        tar.write(content);
      }
      tar.closeArchiveEntry();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
