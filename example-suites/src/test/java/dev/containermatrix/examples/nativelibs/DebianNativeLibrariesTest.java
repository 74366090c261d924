package dev.containermatrix.examples.nativelibs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Library;
import com.sun.jna.Native;
import dev.containermatrix.junit.ContainerMatrix;
import dev.containermatrix.junit.Variant;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Base images govern native libraries: the same test on Debian bullseye and bookworm images, built
 * from Debian's archive by {@code images/build-images.sh} during the build, sees each release's own
 * zlib and glibc through JNA. The matrix file is written by that script.
 */
@ContainerMatrix("matrix/debian-bases.yaml")
class DebianNativeLibrariesTest {

  /** zlib, loaded from the base image. */
  interface Zlib extends Library {
    String zlibVersion();
  }

  /** The GNU C library, loaded from the base image. */
  interface Libc extends Library {
    String gnu_get_libc_version();
  }

  @BeforeEach
  void skipWhereTheImagesCouldNotBeBuilt(Variant variant) {
    String why = variant.values().get("skipped");
    Assumptions.assumeTrue(why == null, () -> "the Debian base images were not built: " + why);
  }

  @Test
  void zlibIsTheOneOfItsBaseImage(Variant variant) {
    Zlib zlib = Native.load("libz.so.1", Zlib.class);
    assertThat(zlib.zlibVersion()).isEqualTo(variant.value("zlib"));
  }

  @Test
  void glibcIsTheOneOfItsBaseImage(Variant variant) {
    Libc libc = Native.load("libc.so.6", Libc.class);
    assertThat(libc.gnu_get_libc_version()).isEqualTo(variant.value("glibc"));
  }
}
