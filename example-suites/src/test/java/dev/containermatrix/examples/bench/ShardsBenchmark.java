package dev.containermatrix.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.junit.Config;
import dev.containermatrix.junit.ConfigAxis;
import dev.containermatrix.junit.ContainerMatrix;
import dev.containermatrix.junit.Variant;
import org.junit.jupiter.api.Test;

/**
 * 64 variants (8 × 8 config values) whose one test sleeps between 0.2 and 3.35 s, a different time
 * in each: the workload of {@code bench/shards.sh}, which runs it whole and as 2 and 4 shards. Not
 * run by {@code mvn verify} (its name does not end in Test).
 */
@ContainerMatrix(timeout = "5m")
@ConfigAxis(
    name = "a",
    value = {
      @Config(name = "a0", env = "SHARD_BENCH_A=0"),
      @Config(name = "a1", env = "SHARD_BENCH_A=1"),
      @Config(name = "a2", env = "SHARD_BENCH_A=2"),
      @Config(name = "a3", env = "SHARD_BENCH_A=3"),
      @Config(name = "a4", env = "SHARD_BENCH_A=4"),
      @Config(name = "a5", env = "SHARD_BENCH_A=5"),
      @Config(name = "a6", env = "SHARD_BENCH_A=6"),
      @Config(name = "a7", env = "SHARD_BENCH_A=7")
    })
@ConfigAxis(
    name = "b",
    value = {
      @Config(name = "b0", env = "SHARD_BENCH_B=0"),
      @Config(name = "b1", env = "SHARD_BENCH_B=1"),
      @Config(name = "b2", env = "SHARD_BENCH_B=2"),
      @Config(name = "b3", env = "SHARD_BENCH_B=3"),
      @Config(name = "b4", env = "SHARD_BENCH_B=4"),
      @Config(name = "b5", env = "SHARD_BENCH_B=5"),
      @Config(name = "b6", env = "SHARD_BENCH_B=6"),
      @Config(name = "b7", env = "SHARD_BENCH_B=7")
    })
class ShardsBenchmark {

  @Test
  void sleepsItsOwnTime(Variant variant) throws InterruptedException {
    int a = Integer.parseInt(System.getenv("SHARD_BENCH_A"));
    int b = Integer.parseInt(System.getenv("SHARD_BENCH_B"));
    assertThat(variant.value("a")).isEqualTo("a" + a);
    // a permutation of 0..63 (37 is prime to 64), so neighbours differ
    long millis = 200 + (long) ((a * 8 + b) * 37 % 64) * 50;
    Thread.sleep(millis);
  }
}
