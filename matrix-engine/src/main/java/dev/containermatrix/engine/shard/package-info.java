/**
 * Shards: which of a matrix's variants one CI runner ({@code containermatrix.shard=k/n}) runs, by
 * rendezvous hashing and, where earlier durations are known, longest-processing-time first.
 */
@NullMarked
package dev.containermatrix.engine.shard;

import org.jspecify.annotations.NullMarked;
