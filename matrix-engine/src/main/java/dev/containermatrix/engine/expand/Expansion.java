package dev.containermatrix.engine.expand;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.engine.matrix.Strategy;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The result of expanding a matrix.
 *
 * @param variants in product order (first axis varies slowest), include-added ones after; no two
 *     with the same values
 * @param fullProductSize the product of the axes' sizes before excludes; 0 without axes
 * @param combinations how the rows were chosen
 * @param uncoverablePairs under {@link Strategy.Combinations#PAIRWISE}, the value pairs that only
 *     excluded rows contain, so no variant covers them; always 0 under {@link
 *     Strategy.Combinations#ALL}
 */
@API(status = INTERNAL, since = "0.1")
public record Expansion(
    List<VariantDefinition> variants,
    int fullProductSize,
    Strategy.Combinations combinations,
    int uncoverablePairs) {

  public Expansion {
    variants = List.copyOf(variants);
    Objects.requireNonNull(combinations, "combinations");
    if (fullProductSize < 0 || uncoverablePairs < 0) {
      throw new IllegalArgumentException(
          "sizes must not be negative, were " + fullProductSize + " and " + uncoverablePairs);
    }
  }
}
