package dev.containermatrix.engine.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.containermatrix.engine.shard.Shard;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/** A run's report, filled while variants run (thread-safe) and written once at the end. */
@API(status = INTERNAL, since = "0.1")
public final class RunReport {
  private final String runId;
  private final Instant startedAt;
  private final String backend;
  private final String backendReason;
  private final HostInfo host;
  private final List<MatrixSummary> matrices = Collections.synchronizedList(new ArrayList<>());
  private final List<VariantReport> variants = Collections.synchronizedList(new ArrayList<>());
  private volatile @org.jspecify.annotations.Nullable ArchiveEntry archive;
  private volatile @org.jspecify.annotations.Nullable String replayOf;
  private volatile @org.jspecify.annotations.Nullable Shard shard;
  private volatile int layersCollected;
  private volatile long bytesCollected;

  public RunReport(
      String runId, Instant startedAt, String backend, String backendReason, HostInfo host) {
    this.runId = Objects.requireNonNull(runId, "runId");
    this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    this.backend = Objects.requireNonNull(backend, "backend");
    this.backendReason = Objects.requireNonNull(backendReason, "backendReason");
    this.host = Objects.requireNonNull(host, "host");
  }

  public void add(MatrixSummary summary) {
    matrices.add(summary);
  }

  public void add(VariantReport variant) {
    variants.add(variant);
  }

  /**
   * Where the run was archived, or why not.
   *
   * @param directory the archive directory; {@code null} when the run was not archived
   * @param refs each archived variant's OCI ref name in the archive, by {@code <class>#<variant
   *     id>}
   * @param note why the run was not archived, or what retention removed; {@code null} if nothing to
   *     say (report.json's {@code archive} then has no {@code note}; it never lists the refs)
   */
  @JsonPropertyOrder({"directory", "record", "note"})
  public record ArchiveEntry(
      @org.jspecify.annotations.Nullable String directory,
      @org.jspecify.annotations.Nullable String record,
      @JsonIgnore Map<String, String> refs,
      @JsonInclude(JsonInclude.Include.NON_NULL) @org.jspecify.annotations.Nullable String note) {
    public ArchiveEntry {
      refs = Map.copyOf(refs);
    }
  }

  public void archived(ArchiveEntry entry) {
    this.archive = entry;
  }

  public Optional<ArchiveEntry> archive() {
    return Optional.ofNullable(archive);
  }

  /**
   * Marks this run as a replay of {@code what}, e.g. {@code run 2026… of
   * /home/u/.containermatrix/archive}.
   */
  public void replayOf(String what) {
    this.replayOf = what;
  }

  public Optional<String> replayOf() {
    return Optional.ofNullable(replayOf);
  }

  /** Marks this run as one shard of a split run: it writes {@code report-<k>-of-<n>.json}. */
  public void shard(Shard value) {
    this.shard = java.util.Objects.requireNonNull(value, "shard");
  }

  public Optional<Shard> shard() {
    return Optional.ofNullable(shard);
  }

  /** Records what the store's garbage collection removed at the end of the run. */
  public void collected(int layers, long bytes) {
    this.layersCollected = layers;
    this.bytesCollected = bytes;
  }

  public int layersCollected() {
    return layersCollected;
  }

  public long bytesCollected() {
    return bytesCollected;
  }

  public String runId() {
    return runId;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public String backend() {
    return backend;
  }

  public String backendReason() {
    return backendReason;
  }

  public HostInfo host() {
    return host;
  }

  /** A snapshot, in the order variants finished. */
  public List<VariantReport> variants() {
    synchronized (variants) {
      return List.copyOf(variants);
    }
  }

  public List<MatrixSummary> matrices() {
    synchronized (matrices) {
      return List.copyOf(matrices);
    }
  }
}
