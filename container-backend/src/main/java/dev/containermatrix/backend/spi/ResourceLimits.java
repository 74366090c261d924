package dev.containermatrix.backend.spi;

import static dev.containermatrix.backend.spi.Checks.check;
import static dev.containermatrix.backend.spi.Checks.notNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * Hard limits for one container. An absent value is not limited. The one type for limits: a
 * matrix's resource profile holds one, report.json and the archive's run record write its values.
 *
 * @param cpus CPU quota in CPUs, e.g. 1.5; positive
 * @param memoryBytes memory limit without swap; positive
 * @param pids most processes and threads; positive
 * @param nofile most open files ({@code RLIMIT_NOFILE}); positive
 * @param cpuset CPUs to pin to, in the kernel's list format, e.g. {@code 0-1,3}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ResourceLimits(
    Optional<Double> cpus,
    OptionalLong memoryBytes,
    OptionalLong pids,
    OptionalLong nofile,
    Optional<String> cpuset) {

  private static final ResourceLimits NONE =
      new ResourceLimits(
          Optional.empty(),
          OptionalLong.empty(),
          OptionalLong.empty(),
          OptionalLong.empty(),
          Optional.empty());

  public ResourceLimits {
    notNull(cpus, "cpus");
    notNull(memoryBytes, "memoryBytes");
    notNull(pids, "pids");
    notNull(nofile, "nofile");
    notNull(cpuset, "cpuset");
    cpus.ifPresent(
        c -> check(c > 0 && !c.isInfinite(), "cpus must be a positive number, was %s", c));
    memoryBytes.ifPresent(
        m -> check(m > 0, "memory limit must be a positive number of bytes, was %s", m));
    pids.ifPresent(p -> check(p > 0, "pids limit must be positive, was %s", p));
    nofile.ifPresent(n -> check(n > 0, "nofile limit must be positive, was %s", n));
    cpuset.ifPresent(
        s ->
            check(
                s.matches("\\d+(-\\d+)?(,\\d+(-\\d+)?)*"),
                "cpuset must be a CPU list such as 0-1,3, was \"%s\"",
                s));
  }

  /** No limits at all. */
  public static ResourceLimits none() {
    return NONE;
  }

  /** Whether no limit is set. */
  public boolean isEmpty() {
    return equals(NONE);
  }

  public ResourceLimits withCpus(double value) {
    return new ResourceLimits(Optional.of(value), memoryBytes, pids, nofile, cpuset);
  }

  public ResourceLimits withMemoryBytes(long value) {
    return new ResourceLimits(cpus, OptionalLong.of(value), pids, nofile, cpuset);
  }

  public ResourceLimits withPids(long value) {
    return new ResourceLimits(cpus, memoryBytes, OptionalLong.of(value), nofile, cpuset);
  }

  public ResourceLimits withNofile(long value) {
    return new ResourceLimits(cpus, memoryBytes, pids, OptionalLong.of(value), cpuset);
  }

  public ResourceLimits withCpuset(String value) {
    return new ResourceLimits(cpus, memoryBytes, pids, nofile, Optional.of(value));
  }

  /**
   * Each set limit as {@code name=value}, in the order cpus, memory, pids, nofile, cpuset, e.g.
   * {@code [cpus=1.5, memory=256 MiB, pids=256]}; empty when nothing is limited.
   */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    cpus.ifPresent(c -> out.add("cpus=" + Units.cpus(c)));
    memoryBytes.ifPresent(m -> out.add("memory=" + Units.bytes(m)));
    pids.ifPresent(p -> out.add("pids=" + p));
    nofile.ifPresent(n -> out.add("nofile=" + n));
    cpuset.ifPresent(s -> out.add("cpuset=" + s));
    return List.copyOf(out);
  }
}
