package dev.containermatrix.backend.archive;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containermatrix.backend.oci.OciDocuments;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * An OCI runtime {@code config.json} (runtime-spec 1.0) for running an archived variant by hand
 * with {@code runc run} from a bundle whose root file system is {@code rootfs/}: the process, its
 * rlimit, the hostname, {@code /proc}, a tmpfs {@code /dev} and {@code /tmp}, new pid, mount, ipc,
 * uts and network namespaces (loopback only), and the variant's cgroup limits.
 *
 * <pre>{@code
 * byte[] json = OciRuntimeConfig.json(List.of("/jdk/bin/java", "-cp", "/app/*", "Main"), List.of("LANG=C.UTF-8"),
 *     "/app", "variant-1", OptionalLong.of(512L << 20), Optional.of(1.5), OptionalLong.of(256),
 *     OptionalLong.of(4096), Optional.empty());
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class OciRuntimeConfig {

  /** The runtime-spec version the documents declare. */
  public static final String OCI_VERSION = "1.0.2";

  /** The CFS period the CPU quota is expressed in, in microseconds. */
  public static final long CPU_PERIOD_MICROS = 100_000;

  private OciRuntimeConfig() {}

  /**
   * The config's JSON bytes (compact, fields in a fixed order, so equal inputs give equal bytes).
   *
   * @param args the process's argv; not empty, {@code args[0]} absolute or on {@code PATH}
   * @param env {@code NAME=value} strings
   * @param cwd the working directory, absolute
   * @param hostname the container's hostname
   * @param memoryBytes {@code linux.resources.memory.limit}
   * @param cpus CPUs, as {@code cpu.quota} over a period of {@link #CPU_PERIOD_MICROS}
   * @param pids {@code linux.resources.pids.limit}
   * @param nofile {@code RLIMIT_NOFILE}, soft and hard
   * @param cpuset {@code linux.resources.cpu.cpus}, e.g. {@code 0-1}
   * @throws IllegalArgumentException if {@code args} is empty, {@code cwd} is not absolute, or a
   *     limit is not positive
   */
  public static byte[] json(
      List<String> args,
      List<String> env,
      String cwd,
      String hostname,
      OptionalLong memoryBytes,
      Optional<Double> cpus,
      OptionalLong pids,
      OptionalLong nofile,
      Optional<String> cpuset) {
    Objects.requireNonNull(hostname, "hostname");
    if (args.isEmpty()) {
      throw new IllegalArgumentException("a runtime config needs a process to run; args was empty");
    }
    if (!cwd.startsWith("/")) {
      throw new IllegalArgumentException("the process's cwd must be absolute, was \"" + cwd + "\"");
    }
    positive(memoryBytes, "memoryBytes");
    positive(pids, "pids");
    positive(nofile, "nofile");
    if (cpus.isPresent() && !(cpus.get() > 0)) {
      throw new IllegalArgumentException("cpus must be more than 0, was " + cpus.get());
    }
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("ociVersion", OCI_VERSION);
    ObjectNode process = root.putObject("process");
    process.put("terminal", false);
    ObjectNode user = process.putObject("user");
    user.put("uid", 0);
    user.put("gid", 0);
    strings(process.putArray("args"), args);
    strings(process.putArray("env"), env);
    process.put("cwd", cwd);
    if (nofile.isPresent()) {
      ObjectNode rlimit = process.putArray("rlimits").addObject();
      rlimit.put("type", "RLIMIT_NOFILE");
      rlimit.put("hard", nofile.getAsLong());
      rlimit.put("soft", nofile.getAsLong());
    }
    process.put("noNewPrivileges", true);
    ObjectNode rootfs = root.putObject("root");
    rootfs.put("path", "rootfs");
    rootfs.put("readonly", false);
    root.put("hostname", hostname);
    ArrayNode mounts = root.putArray("mounts");
    mount(mounts, "/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev"));
    mount(
        mounts,
        "/dev",
        "tmpfs",
        "tmpfs",
        List.of("nosuid", "strictatime", "mode=755", "size=65536k"));
    mount(mounts, "/tmp", "tmpfs", "tmpfs", List.of("nosuid", "nodev", "mode=1777"));
    ObjectNode linux = root.putObject("linux");
    ArrayNode namespaces = linux.putArray("namespaces");
    for (String type : List.of("pid", "mount", "ipc", "uts", "network")) {
      namespaces.addObject().put("type", type);
    }
    ObjectNode resources = linux.putObject("resources");
    memoryBytes.ifPresent(limit -> resources.putObject("memory").put("limit", limit));
    if (cpus.isPresent() || cpuset.isPresent()) {
      ObjectNode cpu = resources.putObject("cpu");
      cpus.ifPresent(
          n -> {
            cpu.put("quota", Math.round(n * CPU_PERIOD_MICROS));
            cpu.put("period", CPU_PERIOD_MICROS);
          });
      cpuset.ifPresent(set -> cpu.put("cpus", set));
    }
    pids.ifPresent(limit -> resources.putObject("pids").put("limit", limit));
    return OciDocuments.write(root);
  }

  private static void mount(
      ArrayNode mounts, String destination, String type, String source, List<String> options) {
    ObjectNode mount = mounts.addObject();
    mount.put("destination", destination);
    mount.put("type", type);
    mount.put("source", source);
    strings(mount.putArray("options"), options);
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  private static void positive(OptionalLong value, String name) {
    if (value.isPresent() && value.getAsLong() <= 0) {
      throw new IllegalArgumentException(name + " must be more than 0, was " + value.getAsLong());
    }
  }
}
