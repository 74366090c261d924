package dev.containermatrix.engine.shard;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Which shard runs each variant of one matrix class (or suite), for a split into {@code total}
 * shards. It depends only on the class's name, its variant ids (not their order), {@code total} and
 * the known durations: every runner of a CI matrix, and every Surefire fork of one, computes the
 * same split without talking to the others.
 *
 * <p>The policy:
 *
 * <ol>
 *   <li>Variants with a known duration go first, longest first (ties by id), each to the shard with
 *       the least load so far (longest-processing-time first, within 4/3 of the best split); ties
 *       between shards go by a rotation of the shards by the class name's hash, so that not every
 *       class puts its longest variant on shard 1.
 *   <li>The others each count as the median known duration (as 1 where none is known), and go in
 *       the order of their hash, each to the first shard in its own rendezvous order (the shards by
 *       the SHA-256 of class, id and shard, highest first) whose load stays within the cap: the
 *       total load over the shards, rounded up to whole variants. Where every shard is full, the
 *       least-loaded one takes it.
 * </ol>
 *
 * Without timings this gives each shard {@code ceil(m/n)} or fewer of the class's {@code m}
 * variants, and a variant keeps its shard when the matrix grows unless a shard's cap fills before
 * its turn: adding one variant to 40 moves at most a few (see {@code ShardAssignmentTest}).
 *
 * @param shards each variant id's shard, 1-based, in id order
 */
@API(status = INTERNAL, since = "0.1")
public record ShardAssignment(String testClass, int total, Map<String, Integer> shards) {
  public ShardAssignment {
    Objects.requireNonNull(testClass, "testClass");
    shards = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shards));
    shards.forEach(
        (id, shard) -> {
          if (shard < 1 || shard > total) {
            throw new IllegalArgumentException(
                "variant " + id + " is assigned shard " + shard + " of " + total);
          }
        });
  }

  /**
   * Splits {@code variantIds} of {@code testClass} into {@code total} shards.
   *
   * @throws IllegalArgumentException if {@code total} is below 1
   */
  public static ShardAssignment of(
      String testClass, Collection<String> variantIds, int total, ShardTimings timings) {
    if (total < 1) {
      throw new IllegalArgumentException("a split needs at least 1 shard, was " + total);
    }
    TreeSet<String> ids = new TreeSet<>(variantIds);
    long[] load = new long[total];
    int rotation = (int) Math.floorMod(RendezvousHash.of(testClass), (long) total);
    Map<String, Integer> assigned = new TreeMap<>();

    List<Timed> known = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String id : ids) {
      OptionalLong d = timings.duration(testClass, id);
      if (d.isPresent()) {
        known.add(new Timed(id, Math.max(1, d.getAsLong())));
      } else {
        unknown.add(id);
      }
    }
    known.sort(Comparator.comparingLong(Timed::millis).reversed().thenComparing(Timed::id));
    for (Timed t : known) {
      int s = leastLoaded(load, rotation);
      load[s] += t.millis();
      assigned.put(t.id(), s + 1);
    }

    long estimate = median(known);
    unknown.sort(
        Comparator.comparingLong((String id) -> RendezvousHash.of(testClass, id))
            .thenComparing(id -> id));
    long sum = 0;
    for (long l : load) {
      sum += l;
    }
    sum += estimate * unknown.size();
    long perShard = (sum + (long) total * estimate - 1) / ((long) total * estimate);
    long cap = perShard * estimate;
    for (String id : unknown) {
      int chosen = -1;
      for (int s : rendezvousOrder(testClass, id, total)) {
        if (load[s] + estimate <= cap) {
          chosen = s;
          break;
        }
      }
      if (chosen < 0) {
        chosen = leastLoaded(load, rotation);
      }
      load[chosen] += estimate;
      assigned.put(id, chosen + 1);
    }
    return new ShardAssignment(testClass, total, assigned);
  }

  /** The shard (1-based) of {@code variantId}. */
  public int shardOf(String variantId) {
    Integer shard = shards.get(variantId);
    if (shard == null) {
      throw new IllegalArgumentException(
          "variant "
              + variantId
              + " is not one of the "
              + shards.size()
              + " variants of "
              + testClass
              + " that were split");
    }
    return shard;
  }

  /** The ids of the variants shard {@code index} runs, in id order. */
  public List<String> variantsOf(int index) {
    return shards.entrySet().stream()
        .filter(e -> e.getValue() == index)
        .map(Map.Entry::getKey)
        .toList();
  }

  private record Timed(String id, long millis) {}

  /** The shard (0-based) with the least load; ties go to the first in the rotated order. */
  private static int leastLoaded(long[] load, int rotation) {
    int best = rotation;
    for (int i = 1; i < load.length; i++) {
      int s = (rotation + i) % load.length;
      if (load[s] < load[best]) {
        best = s;
      }
    }
    return best;
  }

  /** The shards (0-based) by rendezvous weight for the variant, highest first. */
  private static List<Integer> rendezvousOrder(String testClass, String id, int total) {
    List<Integer> order = new ArrayList<>(total);
    long[] weight = new long[total];
    for (int s = 0; s < total; s++) {
      order.add(s);
      weight[s] = RendezvousHash.weight(testClass, id, s + 1);
    }
    order.sort(
        Comparator.comparing((Integer s) -> weight[s], Long::compareUnsigned)
            .reversed()
            .thenComparing(s -> s));
    return order;
  }

  /** The median of the known durations (the lower middle one), or 1 when none is known. */
  private static long median(List<Timed> known) {
    if (known.isEmpty()) {
      return 1;
    }
    long[] sorted = known.stream().mapToLong(Timed::millis).sorted().toArray();
    return sorted[(sorted.length - 1) / 2];
  }
}
