package dev.containermatrix.engine.shard;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * What this run's shard keeps of each matrix class: {@code containermatrix.shard} with the timings
 * of {@code containermatrix.shard.timings} (see {@link ShardAssignment} for the split).
 */
@API(status = INTERNAL, since = "0.1")
public record ShardPlan(Shard shard, ShardTimings timings) {
  public ShardPlan {
    Objects.requireNonNull(shard, "shard");
    Objects.requireNonNull(timings, "timings");
  }

  /**
   * The ids among {@code variantIds} (every variant of {@code testClass} the run would run without
   * a shard) that this shard runs; possibly none.
   */
  public Set<String> keep(String testClass, Collection<String> variantIds) {
    ShardAssignment split = ShardAssignment.of(testClass, variantIds, shard.total(), timings);
    return variantIds.stream()
        .filter(id -> split.shardOf(id) == shard.index())
        .collect(Collectors.toUnmodifiableSet());
  }
}
