package dev.containermatrix.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** How the axes of a {@link ContainerMatrix} combine. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Combinations {
  /** Every combination of axis values (after excludes and includes). */
  ALL,
  /** A deterministic subset in which every pair of values of any two axes occurs at least once. */
  PAIRWISE
}
