package dev.containermatrix.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a Jupiter test class once per variant of a matrix, each variant in its own container.
 *
 * <p>The matrix comes from the axis annotations on the class ({@link LibraryAxis}, {@link JdkAxis},
 * {@link ResourceAxis}, {@link ConfigAxis}, {@link BaseAxis}, {@link Include}, {@link Exclude}), or
 * from a YAML file named by {@link #value()}; not both. The class is run by the {@code
 * container-matrix} engine, never by the host's Jupiter engine.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(VariantParameterResolver.class)
public @interface ContainerMatrix {

  /**
   * A YAML matrix file on the test classpath, such as {@code matrix/json.yaml}; empty for
   * annotations.
   */
  String value() default "";

  /** The default base image for variants without a {@link BaseAxis}. */
  String base() default "host";

  /** Most variants of this class at once; 0 lets the scheduler decide. */
  int maxParallel() default 0;

  /** Cancel the remaining variants once one fails. */
  boolean failFast() default false;

  /**
   * Per-variant timeout such as {@code 10m}, {@code 90s}, {@code 1h}; the variant is killed when it
   * runs longer.
   */
  String timeout() default "10m";

  /** The full product of the axes, or a pairwise covering subset of it. */
  Combinations combinations() default Combinations.ALL;

  /**
   * Variants allowed to fail, like GitHub Actions' {@code continue-on-error}: each entry selects
   * variants as {@code containermatrix.variants} does, {@code axis=value} terms joined by {@code ,}
   * (and), e.g. {@code "jdk=26"} or {@code "jdk=26,tz=utc"}. A matching variant still runs and
   * reports its failures (and infrastructure errors), but as aborted, so the build does not fail;
   * report.json says {@code FAILED_ALLOWED}. An entry naming an axis or value the matrix does not
   * have fails discovery.
   */
  String[] allowFailures() default {};
}
