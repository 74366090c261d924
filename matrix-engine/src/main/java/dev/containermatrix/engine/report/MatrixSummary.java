package dev.containermatrix.engine.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;
import java.util.OptionalInt;
import org.apiguardian.api.API;

/**
 * How one class's matrix was expanded, and how much of it ran.
 *
 * @param variants how many variants it holds: how many its strategy chose, before the {@code
 *     containermatrix.variants} filter and any selection of variants or methods
 * @param fullProduct the size of the full product of its axes
 * @param variantsRun how many of its variants this run selected to run (after the filter and the
 *     selectors; a variant failFast cancelled counts, and is {@code ABORTED} in report.json); empty
 *     until the run has decided
 */
@API(status = INTERNAL, since = "0.1")
@JsonPropertyOrder({"class", "source", "combinations", "variants", "variantsRun", "fullProduct"})
public record MatrixSummary(
    @JsonProperty("class") String testClass,
    String source,
    String combinations,
    int variants,
    int fullProduct,
    OptionalInt variantsRun) {
  public MatrixSummary {
    Objects.requireNonNull(testClass, "testClass");
    Objects.requireNonNull(variantsRun, "variantsRun");
    if (variantsRun.isPresent() && variantsRun.getAsInt() < 0) {
      throw new IllegalArgumentException(
          "variantsRun of " + testClass + " must not be negative, was " + variantsRun.getAsInt());
    }
  }

  /** A matrix as discovered, before the run decided which of its variants run. */
  public MatrixSummary(
      String testClass, String source, String combinations, int variants, int fullProduct) {
    this(testClass, source, combinations, variants, fullProduct, OptionalInt.empty());
  }

  /**
   * @param count how many of its variants this run selected to run
   */
  public MatrixSummary withVariantsRun(int count) {
    return new MatrixSummary(
        testClass, source, combinations, variants, fullProduct, OptionalInt.of(count));
  }
}
