package dev.containermatrix.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardAssignmentTest {

  private static List<String> ids(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> String.format("%s%03d", prefix, i)).toList();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void togetherTheShardsRunEveryVariantExactlyOnce(int n) {
    Map<String, Long> durations = new HashMap<>();
    for (int i = 0; i < 70; i += 3) {
      durations.put("demo.Timed#" + String.format("v%03d", i), 100L + i * 37 % 500);
    }
    ShardTimings timings = ShardTimings.of(durations);
    for (String testClass : List.of("demo.A", "demo.Timed", "com.example.LongerName$Inner")) {
      for (int m : new int[] {0, 1, 2, 3, 7, 40, 70}) {
        List<String> all = ids("v", m);
        for (ShardTimings t : List.of(ShardTimings.none(), timings)) {
          List<String> union = new ArrayList<>();
          for (int k = 1; k <= n; k++) {
            union.addAll(new ShardPlan(new Shard(k, n), t).keep(testClass, all));
          }
          assertThat(union)
              .as("%s, %d variants, %d shards, %s", testClass, m, n, t)
              .doesNotHaveDuplicates()
              .containsExactlyInAnyOrderElementsOf(all);
        }
      }
    }
  }

  @Test
  void theSplitDependsOnTheSetOfIdsNotTheirOrder() {
    List<String> all = new ArrayList<>(ids("v", 40));
    ShardAssignment first = ShardAssignment.of("demo.A", all, 4, ShardTimings.none());
    Collections.shuffle(all, new Random(7));

    assertThat(ShardAssignment.of("demo.A", all, 4, ShardTimings.none()).shards())
        .isEqualTo(first.shards());
  }

  /** Pinned, so that a change of the hash or the policy (which moves every CI split) shows. */
  @Test
  void theSplitIsTheSameOnEveryMachineAndRun() {
    ShardAssignment split =
        ShardAssignment.of(
            "demo.ZoneTest",
            List.of("3f2a9c0b1d4e", "00aa00aa00aa", "b0b0b0b0b0b0", "c1c1c1c1c1c1", "d2d2d2d2d2d2"),
            3,
            ShardTimings.none());

    assertThat(split.shards()).isEqualTo(PINNED);
  }

  private static final Map<String, Integer> PINNED =
      Map.of(
          "00aa00aa00aa", 3,
          "3f2a9c0b1d4e", 2,
          "b0b0b0b0b0b0", 1,
          "c1c1c1c1c1c1", 1,
          "d2d2d2d2d2d2", 2);

  @Test
  void withoutTimingsNoShardGetsMoreThanItsShareRoundedUp() {
    for (int n = 2; n <= 5; n++) {
      for (int m = 1; m <= 41; m += 4) {
        ShardAssignment split =
            ShardAssignment.of("demo.A" + m, ids("v", m), n, ShardTimings.none());
        for (int k = 1; k <= n; k++) {
          assertThat(split.variantsOf(k)).hasSizeLessThanOrEqualTo((m + n - 1) / n);
        }
      }
    }
  }

  @Test
  void addingOneVariantToFortyMovesFewOthers() {
    int mostMoved = 0;
    for (int n = 2; n <= 5; n++) {
      for (int c = 0; c < 50; c++) {
        String testClass = "demo.Class" + c;
        List<String> before = ids("v", 40);
        List<String> after = new ArrayList<>(before);
        after.add("new-variant");
        ShardAssignment a = ShardAssignment.of(testClass, before, n, ShardTimings.none());
        ShardAssignment b = ShardAssignment.of(testClass, after, n, ShardTimings.none());
        int moved = (int) before.stream().filter(id -> a.shardOf(id) != b.shardOf(id)).count();
        mostMoved = Math.max(mostMoved, moved);
      }
    }
    // a plain modulo split would move about 3/4 of them (30) for n = 4
    assertThat(mostMoved).isLessThanOrEqualTo(6);
  }

  @Test
  void addingOneUntimedVariantToFortyTimedOnesMovesNone() {
    Map<String, Long> durations = new HashMap<>();
    Random random = new Random(3);
    List<String> before = ids("v", 40);
    before.forEach(id -> durations.put("demo.A#" + id, 200L + random.nextInt(5000)));
    ShardTimings timings = ShardTimings.of(durations);
    List<String> after = new ArrayList<>(before);
    after.add("new-variant");

    ShardAssignment a = ShardAssignment.of("demo.A", before, 4, timings);
    ShardAssignment b = ShardAssignment.of("demo.A", after, 4, timings);

    assertThat(before).allMatch(id -> a.shardOf(id) == b.shardOf(id));
  }

  @Test
  void withTimingsTheSlowestShardIsCloseToTheMean() {
    Random random = new Random(11);
    List<String> all = ids("v", 64);
    Map<String, Long> durations = new HashMap<>();
    // durations spread over 20x, as a matrix of JDKs and libraries gives
    all.forEach(id -> durations.put("demo.Slow#" + id, 300L + random.nextInt(6000)));
    ShardTimings timings = ShardTimings.of(durations);
    for (int n : new int[] {2, 3, 4, 5}) {
      ShardAssignment split = ShardAssignment.of("demo.Slow", all, n, timings);
      long[] load = new long[n];
      all.forEach(
          id -> load[split.shardOf(id) - 1] += timings.duration("demo.Slow", id).getAsLong());
      double mean = java.util.Arrays.stream(load).average().orElseThrow();
      long slowest = java.util.Arrays.stream(load).max().orElseThrow();

      assertThat(slowest / mean).as("slowest/mean for %d shards", n).isLessThanOrEqualTo(1.05);
    }
  }

  @Test
  void variantsWithoutATimingFillTheShardsTheTimedOnesLeftLight() {
    List<String> all = ids("v", 20);
    Map<String, Long> durations = new HashMap<>();
    // one long variant: the other 19, untimed, count as the median (1000 ms) and avoid its shard
    durations.put("demo.A#v000", 10_000L);
    durations.put("demo.A#v001", 1_000L);
    durations.put("demo.A#v002", 1_000L);
    ShardAssignment split = ShardAssignment.of("demo.A", all, 2, ShardTimings.of(durations));

    int longShard = split.shardOf("v000");
    assertThat(split.variantsOf(longShard)).hasSizeLessThanOrEqualTo(6);
  }

  @Test
  void smallClassesDoNotAllStartOnShardOne() {
    Set<Integer> firstShards = new HashSet<>();
    Map<String, Long> durations = new HashMap<>();
    for (int c = 0; c < 20; c++) {
      durations.put("demo.Small" + c + "#only", 500L);
    }
    ShardTimings timings = ShardTimings.of(durations);
    for (int c = 0; c < 20; c++) {
      firstShards.add(
          ShardAssignment.of("demo.Small" + c, List.of("only"), 4, timings).shardOf("only"));
    }

    assertThat(firstShards).hasSizeGreaterThanOrEqualTo(3);
  }
}
