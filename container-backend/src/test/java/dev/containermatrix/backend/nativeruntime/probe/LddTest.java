package dev.containermatrix.backend.nativeruntime.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LddTest {

  private static List<String> lines(String text) {
    return text.lines().toList();
  }

  @Test
  void readsGlibcsLoaderAndLibraries() throws IOException {
    Ldd.Linkage ldd =
        Ldd.parse(
            Path.of("/usr/bin/setpriv"),
            lines(
                """
                \tlinux-vdso.so.1 (0x00007ffd1b5f2000)
                \tlibcap-ng.so.0 => /lib/x86_64-linux-gnu/libcap-ng.so.0 (0x00007f26fc119000)
                \tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f26fbf37000)
                \t/lib64/ld-linux-x86-64.so.2 (0x00007f26fc148000)
                """));

    assertThat(ldd.loader()).contains(Path.of("/lib64/ld-linux-x86-64.so.2"));
    assertThat(ldd.libraries())
        .containsExactly(
            Path.of("/lib/x86_64-linux-gnu/libcap-ng.so.0"),
            Path.of("/lib/x86_64-linux-gnu/libc.so.6"));
  }

  @Test
  void readsMuslWhoseLibcIsItsLoader() throws IOException {
    Ldd.Linkage ldd =
        Ldd.parse(
            Path.of("/bin/setpriv"),
            lines(
                """
                \t/lib/ld-musl-x86_64.so.1 (0x7f0e4a5c4000)
                \tlibcap-ng.so.0 => /usr/lib/libcap-ng.so.0 (0x7f0e4a5a0000)
                \tlibc.musl-x86_64.so.1 => /lib/ld-musl-x86_64.so.1 (0x7f0e4a5c4000)
                """));

    assertThat(ldd.loader()).contains(Path.of("/lib/ld-musl-x86_64.so.1"));
    assertThat(ldd.libraries()).containsExactly(Path.of("/usr/lib/libcap-ng.so.0"));
  }

  @Test
  void aMissingLibraryIsAnErrorNamingIt() {
    assertThatThrownBy(
            () -> Ldd.parse(Path.of("/usr/bin/umount"), List.of("\tlibmount.so.1 => not found")))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "ldd cannot find a library of /usr/bin/umount: \"libmount.so.1 => not found\"; install"
                + " it or fix the host's library path");
  }

  @Test
  void aStaticProgramNeedsNeitherLoaderNorLibraries() throws Exception {
    assertThat(Ldd.parse(Path.of("/bin/busybox"), List.of("\tnot a dynamic executable")))
        .isEqualTo(new Ldd.Linkage(Optional.empty(), List.of()));
  }

  @Test
  void listsWhatThisHostsSetprivLoads() throws Exception {
    Optional<Path> setpriv = ExecutableSearch.ofEnvironment().find("setpriv");
    dev.containermatrix.backend.HostRequirements.require(
        setpriv.isPresent(), "needs util-linux's setpriv");
    Ldd.Linkage ldd = Ldd.DEFAULT.linkage(setpriv.orElseThrow());

    assertThat(ldd.libraries())
        .anyMatch(library -> library.getFileName().toString().startsWith("libc"));
  }
}
