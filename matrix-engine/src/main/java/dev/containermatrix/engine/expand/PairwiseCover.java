package dev.containermatrix.engine.expand;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Chooses rows of a product so that every pair of values of any two axes that some candidate row
 * contains is contained in a chosen row.
 *
 * <p>Greedy and deterministic: it repeatedly takes the candidate covering the most still-uncovered
 * pairs, ties going to the earlier row in product order. Scores only fall, so a priority queue
 * whose stale scores are re-checked on removal ("lazy greedy") gives the same choice as a full scan
 * at a fraction of the cost. With fewer than two axes every candidate is chosen.
 *
 * @param rows the chosen rows, in product order
 * @param uncoverablePairs value pairs that no candidate row contains (only excluded rows had them)
 */
record PairwiseCover(List<int[]> rows, int uncoverablePairs) {

  PairwiseCover {
    rows = List.copyOf(rows);
  }

  /**
   * @param sizes the number of values of each axis
   * @param candidates rows of value indexes, in product order
   */
  static PairwiseCover of(int[] sizes, List<int[]> candidates) {
    if (sizes.length < 2) {
      return new PairwiseCover(candidates, 0);
    }
    PairIndex index = new PairIndex(sizes);
    boolean[] present = new boolean[index.total()];
    for (int[] row : candidates) {
      for (int pair : index.pairsOf(row)) {
        present[pair] = true;
      }
    }
    int remaining = 0;
    for (boolean p : present) {
      remaining += p ? 1 : 0;
    }
    int uncoverable = index.total() - remaining;

    boolean[] covered = new boolean[index.total()];
    boolean[] chosen = new boolean[candidates.size()];
    PriorityQueue<int[]> queue =
        new PriorityQueue<>(Comparator.<int[]>comparingInt(e -> -e[0]).thenComparingInt(e -> e[1]));
    int pairsPerRow = index.pairsOf(new int[sizes.length]).length;
    for (int r = 0; r < candidates.size(); r++) {
      queue.add(new int[] {pairsPerRow, r});
    }
    while (remaining > 0) {
      int[] top = queue.poll();
      int score = 0;
      int[] pairs = index.pairsOf(candidates.get(top[1]));
      for (int pair : pairs) {
        score += covered[pair] ? 0 : 1;
      }
      if (score < top[0]) {
        queue.add(new int[] {score, top[1]});
        continue;
      }
      chosen[top[1]] = true;
      for (int pair : pairs) {
        if (!covered[pair]) {
          covered[pair] = true;
          remaining--;
        }
      }
    }
    List<int[]> rows = new ArrayList<>();
    for (int r = 0; r < candidates.size(); r++) {
      if (chosen[r]) {
        rows.add(candidates.get(r));
      }
    }
    return new PairwiseCover(rows, uncoverable);
  }

  /** Numbers every (axis i value a, axis j value b) pair with i &lt; j densely from 0. */
  private static final class PairIndex {
    private final int[] sizes;
    private final int[][] offsets;
    private final int total;

    PairIndex(int[] sizes) {
      this.sizes = sizes;
      this.offsets = new int[sizes.length][sizes.length];
      int next = 0;
      for (int i = 0; i < sizes.length; i++) {
        for (int j = i + 1; j < sizes.length; j++) {
          offsets[i][j] = next;
          next += sizes[i] * sizes[j];
        }
      }
      this.total = next;
    }

    int total() {
      return total;
    }

    int[] pairsOf(int[] row) {
      int[] pairs = new int[row.length * (row.length - 1) / 2];
      int n = 0;
      for (int i = 0; i < row.length; i++) {
        for (int j = i + 1; j < row.length; j++) {
          pairs[n++] = offsets[i][j] + row[i] * sizes[j] + row[j];
        }
      }
      return pairs;
    }
  }
}
