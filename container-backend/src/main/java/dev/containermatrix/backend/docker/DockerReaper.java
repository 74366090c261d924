package dev.containermatrix.backend.docker;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.rundir.CleanupFailures;
import dev.containermatrix.backend.rundir.ProcessIdentity;
import dev.containermatrix.backend.rundir.Reaped;
import dev.containermatrix.backend.rundir.Reaper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Removes the containers a dead host JVM left in a Docker engine: every container labelled {@value
 * ContainerLayout#OWNER_LABEL} whose owner (pid and start time) no longer runs on this host, the
 * holders that build layer images among them. Never touches a container without our label, nor one
 * a live JVM owns. Layer images are not reaped: they are shared across runs, and go when their
 * layers leave the layer store ({@link LayerImageRetention}).
 */
@API(status = INTERNAL, since = "0.1")
public final class DockerReaper implements Reaper {
  private final DockerApi api;
  private final Path procRoot;

  public DockerReaper(DockerApi api, Path procRoot) {
    this.api = api;
    this.procRoot = procRoot;
  }

  /** The reaper of the engine at {@code host}, where one answers there. */
  public static Optional<Reaper> at(DockerHost host) {
    if (!java.nio.file.Files.exists(host.socket())) {
      return Optional.empty();
    }
    try {
      return Optional.of(new DockerReaper(DockerApi.connect(host), ProcessIdentity.PROC));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public String name() {
    return "docker container";
  }

  @Override
  public List<Reaped> reap() throws IOException {
    List<Reaped> reaped = new ArrayList<>();
    CleanupFailures failures = new CleanupFailures();
    for (ContainerSummary container : api.listContainers(List.of(ContainerLayout.OWNER_LABEL))) {
      String owner = container.labels().getOrDefault(ContainerLayout.OWNER_LABEL, "");
      Optional<String> gone = gone(owner);
      if (gone.isEmpty()) {
        continue;
      }
      try {
        api.removeContainer(container.id());
        reaped.add(
            new Reaped(
                name(),
                Path.of(
                    "/", container.names().isEmpty() ? container.id() : container.names().get(0)),
                gone.get()));
      } catch (IOException e) {
        failures.add(e);
      }
    }
    failures.throwIfAny();
    return List.copyOf(reaped);
  }

  /** Why the owner {@code pid:start} counts as gone; empty while it runs. */
  private Optional<String> gone(String owner) {
    int colon = owner.indexOf(':');
    if (colon <= 0) {
      return Optional.of("its owner label \"" + owner + "\" names no process");
    }
    long pid;
    try {
      pid = Long.parseLong(owner.substring(0, colon));
    } catch (NumberFormatException e) {
      return Optional.of("its owner label \"" + owner + "\" names no process");
    }
    String start = owner.substring(colon + 1);
    return ProcessIdentity.of(pid, procRoot)
        .filter(live -> live.start().equals(start))
        .map(live -> Optional.<String>empty())
        .orElse(Optional.of("its owner pid " + pid + " is gone"));
  }

  /** The owner label's value for this JVM: its pid and start time. */
  static String ownerOfThisJvm() {
    ProcessIdentity me = ProcessIdentity.current();
    return me.pid() + ":" + me.start();
  }
}
