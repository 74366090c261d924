package dev.containermatrix.backend.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.containermatrix.backend.oci.Descriptor;
import dev.containermatrix.backend.oci.Digest;
import dev.containermatrix.backend.oci.DockerManifestEntry;
import dev.containermatrix.backend.oci.ImageConfig;
import dev.containermatrix.backend.oci.Index;
import dev.containermatrix.backend.oci.Manifest;
import dev.containermatrix.backend.oci.Platform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Any bytes read as an image index, manifest, config or {@code docker save} manifest.json end in a
 * result or an {@link ImageSourceException} naming the file: never another exception, a hang or
 * running out of memory. Without {@code JAZZER_FUZZ} these replay the seeds in {@code
 * OciJsonFuzzTestInputs/}; see docs/architecture.md, "Fuzz tests", for fuzzing for real.
 */
class OciJsonFuzzTest {

  private static final String WHERE = "fuzz/index.json";

  @FuzzTest(maxDuration = "30s")
  void readsAnyImageDocumentOrSaysWhatIsWrong(byte[] json) {
    read(() -> ImageDocuments.read(json, Index.class, WHERE));
    read(() -> ImageDocuments.read(json, Manifest.class, WHERE));
    read(() -> ImageDocuments.read(json, ImageConfig.class, WHERE));
    read(() -> ImageDocuments.read(json, DockerManifestEntry[].class, WHERE));
  }

  /**
   * An index and up to three blobs, separated by NUL bytes: {@code index NUL blob0 NUL blob1 …}. In
   * the index and in a blob, {@code @0}…{@code @2} stand for the digest of an earlier blob and
   * {@code #0}…{@code #2} for its size, so that the fuzzer reaches nested indexes whose digests
   * check out.
   */
  @FuzzTest(maxDuration = "30s")
  void selectsOneManifestOrSaysWhy(byte[] input) {
    String[] parts = new String(input, StandardCharsets.UTF_8).split("\0", 5);
    List<byte[]> blobs = new ArrayList<>();
    for (int i = 1; i < Math.min(parts.length, 4); i++) {
      blobs.add(withReferences(parts[i], blobs));
    }
    MemoryLayoutFiles files = new MemoryLayoutFiles(withReferences(parts[0], blobs), blobs);
    try {
      Descriptor chosen = new ManifestSelector(files, Platform.of("linux", "amd64")).select();
      assertThat(chosen.isManifest()).isTrue();
    } catch (ImageSourceException e) {
      assertThat(e.getMessage()).contains("memory:");
    } catch (IOException e) {
      throw new AssertionError("an I/O error that is not an ImageSourceException: " + e, e);
    }
  }

  private interface Read {
    Object read() throws ImageSourceException;
  }

  private static void read(Read read) {
    try {
      assertThat(read.read()).isNotNull();
    } catch (ImageSourceException e) {
      assertThat(e.getMessage()).startsWith(WHERE);
    }
  }

  private static byte[] withReferences(String text, List<byte[]> earlier) {
    for (int i = 0; i < earlier.size(); i++) {
      text =
          text.replace("@" + i, Digest.of(earlier.get(i)).toString())
              .replace("#" + i, String.valueOf(earlier.get(i).length));
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** An image layout held in memory: {@code index.json} and content-addressed blobs. */
  private static final class MemoryLayoutFiles implements LayoutFiles {
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    MemoryLayoutFiles(byte[] index, List<byte[]> blobs) {
      files.put("index.json", index);
      blobs.forEach(blob -> files.put(Digest.parse(Digest.of(blob).toString()).layoutPath(), blob));
    }

    @Override
    public boolean exists(String path) {
      return files.containsKey(path);
    }

    @Override
    public long size(String path) throws IOException {
      return content(path).length;
    }

    @Override
    public InputStream open(String path) throws IOException {
      return new ByteArrayInputStream(content(path));
    }

    @Override
    public String describe(String path) {
      return "memory:" + path;
    }

    @Override
    public String describe() {
      return "memory:";
    }

    private byte[] content(String path) throws ImageSourceException {
      byte[] content = files.get(path);
      if (content == null) {
        throw new ImageSourceException(describe(path) + " does not exist");
      }
      return content;
    }
  }
}
