package dev.containermatrix.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * The variant a test runs in. Declare it as a parameter of a test method, constructor or lifecycle
 * method of a {@link ContainerMatrix} class.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface Variant {

  /**
   * The variant id: a short digest of its definition, stable across runs and machines; also its
   * hostname.
   */
  String id();

  /** The axis values as shown in reports, such as {@code jackson-databind=2.22.0, jdk=25}. */
  String name();

  /**
   * The value of one axis (or of an extra key an include added).
   *
   * @throws IllegalArgumentException if the variant has no such axis, naming the axes it has
   */
  String value(String axis);

  /** Every axis value and include extra, in matrix order; never {@code null} but possibly empty. */
  Map<String, String> values();
}
