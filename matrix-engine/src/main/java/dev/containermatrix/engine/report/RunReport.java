package dev.containermatrix.engine.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A run's report, filled while variants run (thread-safe) and written once at the end.
 */
@API(status = INTERNAL, since = "0.1")
public final class RunReport {
  private final String runId;
  private final Instant startedAt;
  private final String backend;
  private final String backendReason;
  private final HostInfo host;
  private final List<MatrixSummary> matrices = Collections.synchronizedList(new ArrayList<>());
  private final List<VariantReport> variants = Collections.synchronizedList(new ArrayList<>());
  private volatile int layersCollected;
  private volatile long bytesCollected;

  public RunReport(String runId, Instant startedAt, String backend, String backendReason, HostInfo host) {
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
