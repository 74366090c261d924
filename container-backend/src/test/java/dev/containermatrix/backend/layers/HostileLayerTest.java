package dev.containermatrix.backend.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.linux.LinuxCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layers built to escape the store or to plant power on the host, and what the store makes of them.
 */
class HostileLayerTest {

  /** The uid of nobody on Debian, as a user that is not this one. */
  private static final int NOBODY = 65534;

  private static final String HOSTILE =
      "; the tar is malformed or hostile, and nothing of it was stored";

  @TempDir Path temp;

  @Test
  void aHardLinkToASymlinkThatLeadsOutIsRefusedAndTheHostFileIsNotLinked() throws Exception {
    Path outside = Files.createDirectory(temp.resolve("outside"));
    Path secret = Files.writeString(outside.resolve("secret"), "host secret");
    LayerStore store = LayerStore.open(temp.resolve("store"));
    byte[] tar =
        new TestTars()
            .symlink("s", outside.toString())
            .hardLink("h", "s")
            .hardLink("x", "h/secret")
            .toBytes();

    assertThatThrownBy(() -> store.put(null, new ByteArrayInputStream(tar)))
        .isInstanceOf(LayerStoreException.class)
        .hasMessage(
            "refusing layer tar entry \"h\": it is a hard link to s, a symlink; a hard link may"
                + " only name a regular file earlier in this layer"
                + HOSTILE);

    assertThat(Files.getAttribute(secret, "unix:nlink")).isEqualTo(1);
    assertThat(children(store.root().resolve("layers/sha256"))).isEmpty();
  }

  @Test
  void aHardLinkThroughASymlinkIsRefused() throws Exception {
    Path outside = Files.createDirectory(temp.resolve("outside"));
    Path secret = Files.writeString(outside.resolve("secret"), "host secret");
    LayerStore store = LayerStore.open(temp.resolve("store"));
    byte[] tar =
        new TestTars().symlink("s", outside.toString()).hardLink("x", "s/secret").toBytes();

    assertThatThrownBy(() -> store.put(null, new ByteArrayInputStream(tar)))
        .hasMessage(
            "refusing layer tar entry \"x\": it is a hard link to s/secret, which lies under s, a"
                + " symlink of the same layer"
                + HOSTILE);
    assertThat(Files.getAttribute(secret, "unix:nlink")).isEqualTo(1);
  }

  @Test
  void aSymlinkToNothingIsRefused() throws Exception {
    LayerStore store = LayerStore.open(temp.resolve("store"));

    assertThatThrownBy(
            () ->
                store.put(
                    null, new ByteArrayInputStream(new TestTars().symlink("s", "").toBytes())))
        .isInstanceOf(LayerStoreException.class)
        .hasMessage(
            "refusing layer tar entry \"s\": it is a symlink to nothing (an empty target)"
                + HOSTILE);
  }

  @Test
  void aTruncatedTarIsRefusedAsNotATarAndNothingIsStored() throws Exception {
    LayerStore store = LayerStore.open(temp.resolve("store"));
    byte[] whole = new TestTars().file("big", "x".repeat(5000)).toBytes();
    byte[] truncated = java.util.Arrays.copyOf(whole, 512 + 2048);

    assertThatThrownBy(() -> store.put(null, new ByteArrayInputStream(truncated)))
        .isInstanceOf(LayerStoreException.class)
        .hasMessage(
            "the layer being read is not a valid tar: Truncated TAR archive; the image is damaged"
                + " or hostile, and nothing of the layer was stored");
    assertThat(children(store.root().resolve("layers/sha256"))).isEmpty();
  }

  @Test
  void aTarWithACorruptHeaderIsRefusedAsNotATar() throws Exception {
    LayerStore store = LayerStore.open(temp.resolve("store"));
    byte[] tar = new TestTars().file("a", "x").toBytes();
    tar[148] = 'z'; // the header's checksum field

    assertThatThrownBy(() -> store.put(null, new ByteArrayInputStream(tar)))
        .isInstanceOf(LayerStoreException.class)
        .hasMessage(
            "the layer being read is not a valid tar: Corrupted TAR archive; the image is damaged"
                + " or hostile, and nothing of the layer was stored");
  }

  @Test
  void aHardLinkToADirectoryIsRefused() throws Exception {
    LayerStore store = LayerStore.open(temp.resolve("store"));
    byte[] tar = new TestTars().directory("etc").hardLink("x", "etc").toBytes();

    assertThatThrownBy(() -> store.put(null, new ByteArrayInputStream(tar)))
        .hasMessage(
            "refusing layer tar entry \"x\": it is a hard link to etc, which is not a regular file"
                + " earlier in this layer"
                + HOSTILE);
  }

  @Test
  void aDirectoryEntryUnderASymlinkIsRefusedAndAbsoluteSymlinksAreKeptAsLinks() throws Exception {
    Path outside = Files.createDirectory(temp.resolve("outside"));
    LayerStore store = LayerStore.open(temp.resolve("store"));

    assertThatThrownBy(
            () ->
                store.put(
                    null,
                    new ByteArrayInputStream(
                        new TestTars()
                            .symlink("a", outside.toString())
                            .directory("a/b")
                            .toBytes())))
        .hasMessage(
            "refusing layer tar entry \"a/b/\": it lies under a, a symlink of the same layer, so"
                + " writing it would follow the link"
                + HOSTILE);
    assertThat(children(outside)).isEmpty();

    StoredLayer stored =
        store.put(
            null,
            new ByteArrayInputStream(
                new TestTars()
                    .symlink("etc", "/etc")
                    .file("etc", "now a file")
                    .symlink("lib", "/opt/nowhere/lib")
                    .toBytes()));
    assertThat(Files.readString(stored.directory().resolve("etc"))).isEqualTo("now a file");
    assertThat(Files.readSymbolicLink(stored.directory().resolve("lib")))
        .isEqualTo(Path.of("/opt/nowhere/lib"));
  }

  @Test
  void aStoreRootOwnsAndKeepsPrivateKeepsSetuidBitsDevicesAndFifos() throws Exception {
    HostRequirements.require(isRoot(), "device nodes and root-owned stores need root");
    LayerStore store = LayerStore.open(temp.resolve("store"));

    StoredLayer stored = store.put(null, new ByteArrayInputStream(privilegedTar()));

    Path tree = stored.directory();
    assertThat(Files.getAttribute(tree.resolve("bin/su"), "unix:mode")).isEqualTo(0104755);
    assertThat(Files.getAttribute(tree.resolve("shared"), "unix:mode")).isEqualTo(042775);
    assertThat(Files.getAttribute(tree.resolve("tmp"), "unix:mode")).isEqualTo(041777);
    assertThat(Files.getAttribute(tree.resolve("dev/null"), "unix:rdev"))
        .isEqualTo(LinuxCalls.makedev(1, 3));
    assertThat(
            Files.getAttribute(
                tree.resolve("run/pipe"), "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS))
        .matches(mode -> ((int) mode & 0170000) == 0010000, "a FIFO");
  }

  @Test
  void aStoreOfAnotherUserDropsSetuidBitsAndRefusesDevices() throws Exception {
    HostRequirements.require(isRoot(), "giving the store to another user needs root");
    Path root = Files.createDirectory(temp.resolve("store"));
    Files.setAttribute(root, "unix:uid", NOBODY);
    LayerStore store = LayerStore.open(root);

    StoredLayer stored =
        store.put(
            null,
            new ByteArrayInputStream(
                new TestTars()
                    .file("bin/su", "su", 04755)
                    .file("bin/wall", "wall", 02755)
                    .file("note", "n", 01644)
                    .directory("shared", 02775)
                    .directory("tmp", 01777)
                    .toBytes()));

    Path tree = stored.directory();
    assertThat(Files.getAttribute(tree.resolve("bin/su"), "unix:mode")).isEqualTo(0100755);
    assertThat(Files.getAttribute(tree.resolve("bin/wall"), "unix:mode")).isEqualTo(0100755);
    assertThat(Files.getAttribute(tree.resolve("note"), "unix:mode")).isEqualTo(0100644);
    assertThat(Files.getAttribute(tree.resolve("shared"), "unix:mode")).isEqualTo(040775);
    assertThat(Files.getAttribute(tree.resolve("tmp"), "unix:mode")).isEqualTo(041777);
    assertThatThrownBy(() -> store.put(null, new ByteArrayInputStream(privilegedTar())))
        .hasMessage(
            "refusing layer tar entry \"dev/null\": it is a character device 1/3, and device nodes"
                + " and FIFOs are kept only in a layer store that root unpacks, owns and keeps"
                + " private (mode 0700), while here "
                + root.toRealPath()
                + " belongs to uid "
                + NOBODY
                + ": use such a store, or an image without them. Nothing"
                + " of the layer was stored");
  }

  @Test
  void withoutRootAFifoIsRefusedSayingSo() throws Exception {
    LinuxCalls notRoot = new NotRoot(LinuxCalls.system());
    LayerStore store =
        LayerStore.open(
            temp.resolve("store"),
            notRoot,
            new OverlayWhiteouts(notRoot, OverlayConvention.USER_XATTR),
            Clock.systemUTC(),
            BuildListener.NONE);

    assertThatThrownBy(
            () ->
                store.put(
                    null,
                    new ByteArrayInputStream(
                        new TestTars().special("run/pipe", TarConstants.LF_FIFO, 0, 0).toBytes())))
        .hasMessage(
            "refusing layer tar entry \"run/pipe\": it is a FIFO, and device nodes and FIFOs are"
                + " kept only in a layer store that root unpacks, owns and keeps private (mode"
                + " 0700), while here this process is not root: use such a store, or an image"
                + " without them. Nothing of the layer was stored");
  }

  @Test
  void aLayerWithMoreEntriesThanItsLimitIsRefused() throws Exception {
    LinuxCalls calls = LinuxCalls.system();
    LayerStore store =
        LayerStore.open(
            temp.resolve("store"),
            new LayerLimits(1 << 20, 10),
            calls,
            OverlayWhiteouts.forThisProcess(calls),
            Clock.systemUTC(),
            BuildListener.NONE);
    TestTars tar = new TestTars();
    for (int i = 0; i < 11; i++) {
      tar.file("f" + i, "");
    }

    assertThatThrownBy(() -> store.put(null, new ByteArrayInputStream(tar.toBytes())))
        .hasMessage(
            "the layer being read has more than 10 entries: refusing it (a tar bomb or a corrupt"
                + " image?); nothing of it was stored");
    assertThat(children(store.root().resolve("layers/sha256"))).isEmpty();
  }

  private static byte[] privilegedTar() {
    return new TestTars()
        .file("bin/su", "su", 04755)
        .directory("shared", 02775)
        .directory("tmp", 01777)
        .special("dev/null", TarConstants.LF_CHR, 1, 3)
        .special("run/pipe", TarConstants.LF_FIFO, 0, 0)
        .toBytes();
  }

  private static boolean isRoot() {
    LinuxCalls calls = LinuxCalls.system();
    return calls.isSupported() && calls.geteuid() == 0;
  }

  private static java.util.List<Path> children(Path directory) throws IOException {
    try (Stream<Path> list = Files.list(directory)) {
      return list.toList();
    }
  }

  /** The host's calls, but saying this process is not root. */
  private record NotRoot(LinuxCalls calls) implements LinuxCalls {
    @Override
    public boolean isSupported() {
      return calls.isSupported();
    }

    @Override
    public void mknod(Path path, int mode, long dev) throws LinuxCallException {
      calls.mknod(path, mode, dev);
    }

    @Override
    public void setxattr(Path path, String name, byte[] value) throws LinuxCallException {
      calls.setxattr(path, name, value);
    }

    @Override
    public Optional<byte[]> getxattr(Path path, String name) throws LinuxCallException {
      return calls.getxattr(path, name);
    }

    @Override
    public int geteuid() {
      return 1000;
    }
  }
}
