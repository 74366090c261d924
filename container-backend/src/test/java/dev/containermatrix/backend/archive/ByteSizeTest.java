package dev.containermatrix.backend.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ByteSizeTest {

  @Test
  void aWholeNumberWithAUnitIsABinaryMultipleWhateverItsCase() {
    assertThat(ByteSize.parse("10GB")).hasValue(10L << 30);
    assertThat(ByteSize.parse("500mb")).hasValue(500L << 20);
    assertThat(ByteSize.parse(" 2 Tb ")).hasValue(2L << 40);
    assertThat(ByteSize.parse("1kB")).hasValue(1024);
  }

  @Test
  void aNumberWithoutAUnitAFractionZeroOrTooMuchIsNotASize() {
    for (String text :
        new String[] {"10", "10G", "1.5GB", "0GB", "-1GB", "GB", "10 PB", "9999999999999TB", ""}) {
      assertThat(ByteSize.parse(text)).as(text).isEqualTo(OptionalLong.empty());
    }
  }

  @Test
  void sizesAreFormattedInBinaryUnits() {
    assertThat(ByteSize.format(512)).isEqualTo("512 B");
    assertThat(ByteSize.format(1536)).isEqualTo("1.5 KiB");
    assertThat(ByteSize.format(10L << 30)).isEqualTo("10.0 GiB");
    assertThat(ByteSize.format(3L << 40)).isEqualTo("3.0 TiB");
  }
}
