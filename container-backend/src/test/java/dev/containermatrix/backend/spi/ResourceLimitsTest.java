package dev.containermatrix.backend.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResourceLimitsTest {

  @Test
  void describesEachLimit() {
    ResourceLimits limits =
        ResourceLimits.none()
            .withCpus(1.5)
            .withMemoryBytes(1L << 30)
            .withPids(256)
            .withNofile(1024)
            .withCpuset("0-1,3");

    assertThat(limits.describe())
        .containsExactly("cpus=1.5", "memory=1 GiB", "pids=256", "nofile=1024", "cpuset=0-1,3");
    assertThat(limits.isEmpty()).isFalse();
    assertThat(ResourceLimits.none().isEmpty()).isTrue();
    assertThat(ResourceLimits.none().withMemoryBytes(1000).describe())
        .containsExactly("memory=1000 bytes");
  }

  @Test
  void rejectsAMalformedCpuset() {
    assertThatThrownBy(() -> ResourceLimits.none().withCpuset("0-"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cpuset must be a CPU list such as 0-1,3, was \"0-\"");
  }
}
