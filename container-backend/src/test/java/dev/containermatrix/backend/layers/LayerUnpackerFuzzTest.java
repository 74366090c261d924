package dev.containermatrix.backend.layers;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.containermatrix.backend.linux.LinuxCalls;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Any layer tar unpacks into a fresh directory or is refused with a {@link LayerStoreException}:
 * never another exception (a bare {@link IOException} from the tar reader included), a hang or
 * running out of memory. The unpacker runs as the layer store runs it (owners set as root). Without
 * {@code JAZZER_FUZZ} these replay the seeds in {@code LayerUnpackerFuzzTestInputs/}; see
 * docs/architecture.md, "Fuzz tests", for fuzzing for real (in a small tmpfs: a tar can claim big
 * files).
 */
class LayerUnpackerFuzzTest {

  private static final LinuxCalls CALLS = LinuxCalls.system();
  private static final LayerUnpacker UNPACKER = unpacker();

  /**
   * As the layer store makes it, over a fresh private store root; layers capped at 64 MiB so a
   * fuzzed tar cannot fill the disk.
   */
  private static LayerUnpacker unpacker() {
    boolean root = CALLS.isSupported() && CALLS.geteuid() == 0;
    try {
      Path store = Files.createTempDirectory("layer-fuzz-store");
      return new LayerUnpacker(
          CALLS,
          OverlayWhiteouts.forThisProcess(CALLS),
          root,
          PrivilegedEntries.forStore(store, root),
          new LayerLimits(64L << 20, 100_000));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Raw bytes as a tar: exercises the header parsing (checksums, PAX, GNU long names, sparse
   * files).
   */
  @FuzzTest(maxDuration = "30s")
  void unpacksAnyTarOrRefusesIt(byte[] tar) throws IOException {
    unpack(tar);
  }

  /**
   * A well-formed tar of entries the fuzzer chooses (names from a few segments so that they
   * collide, any type, mode, owner, link target and content): exercises the unpacker's own rules.
   */
  @FuzzTest(maxDuration = "30s")
  void unpacksAnyEntriesOrRefusesThem(FuzzedDataProvider data) throws IOException {
    byte[] tar;
    try {
      tar = tarOf(data);
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      return; // commons-compress would not write these entries; the raw target covers odd headers
    }
    unpack(tar);
  }

  private static void unpack(byte[] tar) throws IOException {
    Path target = Files.createTempDirectory("layer-fuzz");
    try {
      LayerUnpacker.Unpacked unpacked =
          UNPACKER.unpack(new ByteArrayInputStream(tar), target, "the fuzzed layer");
      assertThat(unpacked.sizeBytes()).isEqualTo(tar.length);
    } catch (LayerStoreException e) {
      assertThat(e.getMessage()).isNotBlank();
    } finally {
      dev.containermatrix.backend.hostfs.TreeDeletion.delete(target);
    }
  }

  private static final String[] SEGMENTS = {
    "a", "b", "dir", ".", "..", "", ".wh.a", ".wh..wh..opq", ".wh.", "etc"
  };
  private static final byte[] TYPES = {
    TarConstants.LF_NORMAL,
    TarConstants.LF_DIR,
    TarConstants.LF_SYMLINK,
    TarConstants.LF_LINK,
    TarConstants.LF_CHR,
    TarConstants.LF_BLK,
    TarConstants.LF_FIFO,
    TarConstants.LF_CONTIG
  };

  static byte[] tarOf(FuzzedDataProvider data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name())) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      int count = data.consumeInt(0, 12);
      for (int i = 0; i < count; i++) {
        byte type = data.consumeBoolean() ? data.pickValue(TYPES) : data.consumeByte();
        TarArchiveEntry entry = new TarArchiveEntry(name(data), type, true);
        if (type == TarConstants.LF_SYMLINK || type == TarConstants.LF_LINK) {
          entry.setLinkName(name(data));
        }
        entry.setMode(data.consumeInt(0, 07777));
        entry.setUserId(data.consumeInt(0, 70000));
        entry.setGroupId(data.consumeInt(0, 70000));
        entry.setModTime(data.consumeLong(0, 4_102_444_800_000L));
        if (type == TarConstants.LF_CHR || type == TarConstants.LF_BLK) {
          entry.setDevMajor(data.consumeInt(0, 255));
          entry.setDevMinor(data.consumeInt(0, 255));
        }
        byte[] content = entry.isFile() ? data.consumeBytes(64) : new byte[0];
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** One to four segments, each a known one (so names collide) or any text. */
  private static String name(FuzzedDataProvider data) {
    List<String> segments = new ArrayList<>();
    int count = data.consumeInt(1, 4);
    for (int i = 0; i < count; i++) {
      segments.add(data.consumeBoolean() ? data.pickValue(SEGMENTS) : data.consumeString(12));
    }
    return (data.consumeBoolean() ? "/" : "") + String.join("/", segments);
  }
}
