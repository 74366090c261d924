package dev.containermatrix.backend.nativeruntime;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.hostprocess.HostProcesses;
import dev.containermatrix.backend.hostprocess.JvmCommandLine;
import dev.containermatrix.backend.nativeruntime.probe.ExecutableSearch;
import dev.containermatrix.backend.rundir.RunDirectory;
import dev.containermatrix.backend.spi.ContainerEnvironment;
import dev.containermatrix.backend.spi.ContainerException;
import dev.containermatrix.backend.spi.ContainerHandle;
import dev.containermatrix.backend.spi.ContainerRuntime;
import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.spi.Layer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The native backend: every container gets its own mount, pid, uts, ipc and network namespaces (and
 * a user namespace when not root), an overlay root over read-only layers with a private upper
 * directory, loopback only, its hostname, and limits from cgroups where the host lets us write
 * them, else from rlimits, CPU affinity and the JVM's own flags, with each limit it cannot enforce
 * named in {@link ContainerHandle#notEnforced()}.
 *
 * <p>The JVM runs under a shell that is pid 1 of its pid namespace and ends with it, so when the
 * JVM ends every process it forked ends too, and all mounts live only in the container's mount
 * namespace, so they end with it. What stays on the host (the container's directories and cgroups)
 * is removed when the container ends, or by the next run's reaper if the host JVM was killed.
 */
@API(status = INTERNAL, since = "0.1")
public final class NativeRuntime implements ContainerRuntime {
  private final HostProcesses processes = new HostProcesses("native");
  private final PendingTeardowns teardowns = new PendingTeardowns();
  private final NativeHost host;
  private @Nullable RunDirectory runDirectory;
  private @Nullable HostBaseLayer hostBase;
  private @Nullable HostBaseLayer imageSkeleton;
  private @Nullable SandboxTools tools;
  private final SandboxPolicy sandbox = SandboxPolicy.forKernel(Path.of("/proc"));

  /**
   * @param host what this host can do, from the probe
   */
  public NativeRuntime(NativeHost host) {
    this.host = host;
  }

  @Override
  public String name() {
    return "native";
  }

  @Override
  public boolean usesLayers() {
    return true;
  }

  @Override
  public List<String> unsupported(ContainerSpec spec) {
    List<String> out = new ArrayList<>(host.missing());
    if (!ContainerSpec.HOST.equals(spec.baseImage())
        && spec.layers().stream().noneMatch(ContainerRootfs::isBase)) {
      out.add(
          "the native backend needs base image "
              + spec.baseImage()
              + " as layers of role '"
              + Layer.BASE
              + "' in the spec (bottom first): read it into the layer store first");
    }
    out.addAll(ContainerRootfs.unplaceable(spec));
    return out;
  }

  @Override
  public ContainerHandle launch(ContainerSpec spec) throws ContainerException {
    List<String> unsupported = unsupported(spec);
    if (!unsupported.isEmpty()) {
      throw new ContainerException(
          "container "
              + spec.id()
              + " cannot run on the native backend: "
              + String.join("; ", unsupported));
    }
    Path directory;
    try {
      directory = runDirectory().path().resolve(spec.id());
    } catch (IOException e) {
      throw new ContainerException(
          "container "
              + spec.id()
              + " cannot get a run directory under "
              + RunDirectory.TMP
              + ": "
              + e.getMessage()
              + ": check that it is writable",
          e);
    }
    NativeLimits limits =
        NativeLimits.apply(
            spec.limits(), host, runDirectory.path().getFileName() + "-" + spec.id());
    JvmCommandLine jvm =
        new JvmCommandLine(
            limits.withJvmView(spec.command()), Path.of(ContainerRootfs.ARGFILE_INSIDE));
    return start(spec, directory, limits, jvm.argFileContent(), jvm.command());
  }

  /**
   * Starts {@code command} (already in its in-container form) as the container's main process. The
   * benchmark uses it with {@code /bin/true}.
   */
  ContainerHandle start(
      ContainerSpec spec, Path directory, NativeLimits limits, String argFile, List<String> inner)
      throws ContainerException {
    SandboxTools tools = tools(spec);
    ContainerTeardown teardown = new ContainerTeardown(directory, limits, spec, teardowns);
    try {
      ContainerRootfs rootfs = new ContainerRootfs(directory);
      rootfs.prepare(
          spec,
          ContainerSpec.HOST.equals(spec.baseImage()) ? hostBase(tools) : imageSkeleton(tools),
          sandbox,
          argFile,
          host.rootless());
      LaunchScript script =
          limits
              .configure(new LaunchScript(tools))
              .userNamespace(host.rootless())
              .loopback(host.hasIp());
      script.recordCpuTimesIn(directory.resolve(CpuTimes.FILE_NAME));
      List<String> argv =
          script.argv(
              rootfs.fstabFile(), spec.hostname(), rootfs.root(), spec.workingDirectory(), inner);
      return processes.start(
          spec,
          argv,
          ContainerEnvironment.of(spec, ContainerRootfs.CHANNEL_INSIDE),
          spec.workingDirectory(),
          teardown);
    } catch (IOException | RuntimeException e) {
      teardown.release();
      throw new ContainerException(
          "container "
              + spec.id()
              + " could not be prepared in "
              + directory
              + ": "
              + e.getMessage()
              + ": check that "
              + RunDirectory.TMP
              + " is writable and has space",
          e);
    }
  }

  /**
   * Removes this runtime's run directory (the shared base layer; each container's own directory
   * goes when it ends). A JVM killed before this leaves it to the next run's reaper.
   */
  @Override
  public synchronized void close() {
    teardowns.awaitAll(java.time.Duration.ofSeconds(30));
    if (runDirectory != null) {
      runDirectory.close();
      runDirectory = null;
      hostBase = null;
      imageSkeleton = null;
    }
  }

  synchronized RunDirectory runDirectory() throws IOException {
    if (runDirectory == null) {
      runDirectory = RunDirectory.create();
    }
    return runDirectory;
  }

  private synchronized HostBaseLayer imageSkeleton(SandboxTools tools) throws IOException {
    if (imageSkeleton == null) {
      imageSkeleton =
          HostBaseLayer.skeletonForImages(
              Path.of("/"), runDirectory().path().resolve("base-skeleton"), tools);
    }
    return imageSkeleton;
  }

  /** The host programs that sandbox a container, found once per runtime. */
  private synchronized SandboxTools tools(ContainerSpec spec) throws ContainerException {
    if (tools == null) {
      try {
        tools = SandboxTools.locate(ExecutableSearch.ofEnvironment());
      } catch (IOException e) {
        throw new ContainerException(
            "container " + spec.id() + " cannot be sandboxed: " + e.getMessage(), e);
      }
    }
    return tools;
  }

  private synchronized HostBaseLayer hostBase(SandboxTools tools) throws IOException {
    if (hostBase == null) {
      hostBase =
          HostBaseLayer.build(Path.of("/"), runDirectory().path().resolve("base-host"), tools);
    }
    return hostBase;
  }
}
