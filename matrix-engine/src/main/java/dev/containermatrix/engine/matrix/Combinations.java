package dev.containermatrix.engine.matrix;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** How axes combine: the full product, or a pairwise covering subset. */
@API(status = INTERNAL, since = "0.1")
public enum Combinations {
  ALL,
  PAIRWISE
}
