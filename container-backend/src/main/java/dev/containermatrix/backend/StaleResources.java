package dev.containermatrix.backend;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.nativeruntime.cgroup.CgroupProbe;
import dev.containermatrix.backend.nativeruntime.cgroup.StaleCgroups;
import dev.containermatrix.backend.rundir.ProcessIdentity;
import dev.containermatrix.backend.rundir.Reaped;
import dev.containermatrix.backend.rundir.Reaper;
import dev.containermatrix.backend.rundir.RunDirectory;
import dev.containermatrix.backend.rundir.StaleRunDirectories;
import java.io.IOException;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The reaper every run starts with: it removes what runs whose JVM is gone left behind, their
 * cgroups (killing any process still in them) first, then their run directories (sockets, upper
 * directories, layers). Mounts need no reaping: they live only in containers' mount namespaces.
 */
@API(status = INTERNAL, since = "0.1")
public final class StaleResources {
  private StaleResources() {}

  /** Reaps; returns what was removed. */
  public static List<Reaped> reap() throws IOException {
    StaleRunDirectories runs = new StaleRunDirectories(RunDirectory.TMP, ProcessIdentity.PROC);
    return new Reaper(List.of(new StaleCgroups(CgroupProbe.host().probe(), runs), runs)).reapAll();
  }
}
