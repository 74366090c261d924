package dev.containermatrix.backend.rundir;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The failures of a cleanup that goes on after one step fails (reaping what dead runs left,
 * removing a container's cgroups): the first is thrown at the end, with the others suppressed in
 * it.
 */
@API(status = INTERNAL, since = "0.1")
public final class CleanupFailures {
  private @Nullable IOException first;

  public void add(IOException failure) {
    if (first == null) {
      first = failure;
    } else {
      first.addSuppressed(failure);
    }
  }

  public void throwIfAny() throws IOException {
    if (first != null) {
      throw first;
    }
  }
}
