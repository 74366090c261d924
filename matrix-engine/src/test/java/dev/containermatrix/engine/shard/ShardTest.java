package dev.containermatrix.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardTest {

  @Test
  void readsKOfNOneBasedAndNamesItsReportFile() {
    Shard shard = Shard.parse(" 2/3 ");

    assertThat(shard).isEqualTo(new Shard(2, 3));
    assertThat(shard.reportFileName()).isEqualTo("report-2-of-3.json");
    assertThat(shard).hasToString("2/3");
  }

  @Test
  void aShardBeyondTheTotalNamesTheKeyTheValueAndTheForm() {
    assertThatThrownBy(() -> Shard.parse("4/3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "containermatrix.shard=4/3: k must be between 1 and n, as in 2/3 (GitLab:"
                + " $CI_NODE_INDEX/$CI_NODE_TOTAL; GitHub Actions: ${{ matrix.shard }}/4)");
  }

  @Test
  void shardZeroIsRefusedBecauseShardsCountFromOne() {
    assertThatThrownBy(() -> Shard.parse("0/3"))
        .hasMessageStartingWith("containermatrix.shard=0/3: k must be between 1 and n");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"a/b", "3", "", "1/", "/3", "1/3/5", "-1/3", "1.0/3", "1 / 3", "1/99999999999"})
  void anythingButTwoWholeNumbersIsRefusedNamingTheValue(String text) {
    assertThatThrownBy(() -> Shard.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("containermatrix.shard=" + text.trim() + ": expected k/n");
  }

  @Test
  void zeroShardsIsRefused() {
    assertThatThrownBy(() -> Shard.parse("0/0"))
        .hasMessageStartingWith("containermatrix.shard=0/0: n must be between 1 and 10000");
  }
}
