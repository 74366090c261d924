package dev.containermatrix.backend;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.docker.DockerHost;
import dev.containermatrix.backend.docker.DockerReaper;
import dev.containermatrix.backend.nativeruntime.cgroup.CgroupProbe;
import dev.containermatrix.backend.nativeruntime.cgroup.CgroupReaper;
import dev.containermatrix.backend.rundir.ProcessIdentity;
import dev.containermatrix.backend.rundir.Reaper;
import dev.containermatrix.backend.rundir.RunDirectory;
import dev.containermatrix.backend.rundir.RunDirectoryReaper;
import java.util.List;
import org.apiguardian.api.API;

/** The reapers of this host (the one every run starts with). */
@API(status = INTERNAL, since = "0.1")
public final class Reapers {
  private Reapers() {}

  /**
   * The reaper every run starts with: it removes what runs whose JVM is gone left behind, their
   * cgroups (killing any process still in them) first, then their run directories (sockets, upper
   * directories, layers). Mounts need no reaping: they live only in containers' mount namespaces.
   */
  public static Reaper forHost() {
    return forHost(DockerHost.DEFAULT);
  }

  /**
   * As {@link #forHost()}, and the containers dead runs left in the Docker engine at {@code
   * docker}, where one answers there.
   */
  public static Reaper forHost(DockerHost docker) {
    RunDirectoryReaper runs = new RunDirectoryReaper(RunDirectory.TMP, ProcessIdentity.PROC);
    List<Reaper> reapers = new java.util.ArrayList<>();
    DockerReaper.at(docker).ifPresent(reapers::add);
    reapers.add(new CgroupReaper(CgroupProbe.host().probe(), runs));
    reapers.add(runs);
    return Reaper.inOrder(reapers);
  }
}
