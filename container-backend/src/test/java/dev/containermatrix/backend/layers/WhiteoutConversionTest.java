package dev.containermatrix.backend.layers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.linux.LinuxCalls;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OCI whiteouts in overlay form, checked on disk and by mounting a real overlay over a lower layer.
 */
class WhiteoutConversionTest {

  private static final LinuxCalls CALLS = LinuxCalls.system();

  /** An upper layer over {@link #lowerLayer()}: deletes gone.txt, replaces opq/, adds to dir/. */
  private static final byte[] UPPER_TAR =
      new TestTars()
          .file(".wh.gone.txt", "")
          .directory("opq")
          .file("opq/.wh..wh..opq", "")
          .file("opq/new", "new")
          .file("dir/b", "b")
          .file("samelayer", "kept: a whiteout only hides lower layers")
          .file(".wh.samelayer", "")
          .toBytes();

  @TempDir Path root;

  @BeforeEach
  void requireLinuxCalls() {
    HostRequirements.require(CALLS.isSupported(), "JNA must bind libc (Linux) to make whiteouts");
  }

  @Test
  void asRootWhiteoutsAreCharacterDevicesAndOpaqueDirectoriesCarryTrustedXattrs() throws Exception {
    HostRequirements.require(CALLS.geteuid() == 0, "trusted.overlay.* attributes need root");
    LayerStore store = LayerStore.open(root);
    StoredLayer lower = store.put(lowerLayer());

    StoredLayer upper = store.put(null, new ByteArrayInputStream(UPPER_TAR));

    assertThat(upper.overlayConvention()).isEqualTo(OverlayConvention.TRUSTED);
    assertThat(Files.readString(root.resolve("layers/sha256/" + upper.digest().hex() + ".json")))
        .contains("\"overlayConvention\" : \"TRUSTED\"");
    assertConverted(upper, "trusted.overlay.opaque");
    assertThat(mountAndList(lower, upper, "")).isEqualTo(expectedListing());
  }

  @Test
  void withoutRootOpaqueDirectoriesCarryUserXattrsForUserxattrMounts() throws Exception {
    LayerStore store =
        LayerStore.open(
            root,
            CALLS,
            new OverlayWhiteouts(CALLS, OverlayConvention.USER_XATTR),
            Clock.systemUTC(),
            BuildListener.NONE);
    StoredLayer lower = store.put(lowerLayer());

    StoredLayer upper = store.put(null, new ByteArrayInputStream(UPPER_TAR));

    assertThat(upper.overlayConvention()).isEqualTo(OverlayConvention.USER_XATTR);
    assertConverted(upper, "user.overlay.opaque");
    assertThat(CALLS.getxattr(upper.directory().resolve("opq"), "trusted.overlay.opaque"))
        .isEmpty();
    HostRequirements.require(
        CALLS.geteuid() == 0, "mounting an overlay to check the layer needs root");
    assertThat(mountAndList(lower, upper, ",userxattr")).isEqualTo(expectedListing());
  }

  @Test
  void aLayerWithoutWhiteoutsNeedsNoConvention() throws Exception {
    LayerStore store = LayerStore.open(root);

    StoredLayer layer =
        store.put(null, new ByteArrayInputStream(new TestTars().file("a/b", "c").toBytes()));

    assertThat(layer.overlayConvention()).isEqualTo(OverlayConvention.NONE);
  }

  private static void assertConverted(StoredLayer upper, String opaqueAttribute) throws Exception {
    Path whiteout = upper.directory().resolve("gone.txt");
    assertThat((int) Files.getAttribute(whiteout, "unix:mode") & 0170000)
        .isEqualTo(LinuxCalls.S_IFCHR);
    assertThat(Files.getAttribute(whiteout, "unix:rdev")).isEqualTo(0L);
    assertThat(CALLS.getxattr(upper.directory().resolve("opq"), opaqueAttribute))
        .hasValue("y".getBytes(UTF_8));
    assertThat(upper.directory().resolve(".wh.gone.txt")).doesNotExist();
    assertThat(upper.directory().resolve("opq/.wh..wh..opq")).doesNotExist();
    assertThat(upper.directory().resolve("samelayer")).isRegularFile();
  }

  private static ReproducibleLayer lowerLayer() {
    return ReproducibleLayer.builder()
        .addFile("kept.txt", "kept".getBytes(UTF_8), false)
        .addFile("gone.txt", "deleted by the upper layer".getBytes(UTF_8), false)
        .addFile("opq/old1", "hidden".getBytes(UTF_8), false)
        .addFile("opq/old2", "hidden".getBytes(UTF_8), false)
        .addFile("dir/a", "a".getBytes(UTF_8), false)
        .build();
  }

  private static String expectedListing() {
    return String.join(
        "\n", List.of("dir", "kept.txt", "opq", "samelayer", "--", "new", "--", "a", "b", ""));
  }

  /** Mounts upper over lower in a private mount namespace and lists /, opq/ and dir/. */
  private String mountAndList(StoredLayer lower, StoredLayer upper, String options)
      throws Exception {
    Path mountPoint = Files.createDirectory(root.resolve("merged"));
    String script =
        "mount -t overlay overlay -o \"lowerdir=$1:$2$3\" \"$4\" && LC_ALL=C ls -A \"$4\" && echo"
            + " -- && LC_ALL=C ls -A \"$4/opq\" && echo -- && LC_ALL=C ls -A \"$4/dir\"";
    Process process =
        new ProcessBuilder(
                "unshare",
                "--mount",
                "sh",
                "-c",
                script,
                "sh",
                upper.directory().toString(),
                lower.directory().toString(),
                options,
                mountPoint.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    return output;
  }
}
