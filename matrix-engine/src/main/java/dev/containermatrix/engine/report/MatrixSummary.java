package dev.containermatrix.engine.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * How one class's matrix was expanded.
 *
 * @param variants how many variants it chose (before the {@code containermatrix.variants} filter)
 * @param fullProduct the size of the full product of its axes
 */
@API(status = INTERNAL, since = "0.1")
public record MatrixSummary(String testClass, String source, String combinations, int variants, int fullProduct) {}
