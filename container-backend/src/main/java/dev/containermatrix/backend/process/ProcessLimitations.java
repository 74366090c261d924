package dev.containermatrix.backend.process;

import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.spi.FileMount;
import dev.containermatrix.backend.spi.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What of a spec a plain host JVM cannot honour: a JDK inside an image, a base image other than
 * {@code host}, layers other than {@link Layer#CLASSPATH} ones, files at fixed paths, any resource
 * limit, and a hostname other than the host's.
 */
final class ProcessLimitations {

  private static final String USE_OTHER = "use containermatrix.backend=native or docker";

  private final Supplier<String> hostHostname;

  ProcessLimitations(Supplier<String> hostHostname) {
    this.hostHostname = hostHostname;
  }

  List<String> of(ContainerSpec spec) {
    List<String> out = new ArrayList<>();
    if (spec.command().javaHomeInImage()) {
      out.add(
          "the process backend cannot run JDK "
              + spec.command().javaHome()
              + " of image "
              + spec.baseImage()
              + ": it runs host JVMs, and that JDK exists only inside the image; give the JDK axis"
              + " a version or path of a JDK on this host, or use containermatrix.backend=native"
              + " or docker");
    }
    if (!spec.baseImage().equals(ContainerSpec.HOST)) {
      out.add(
          "the process backend cannot use base image "
              + spec.baseImage()
              + ": it runs on the host's own system; "
              + USE_OTHER);
    }
    if (!spec.hostname().equals(ContainerSpec.HOST)
        && !spec.hostname().equals(hostHostname.get())) {
      out.add(
          "the process backend cannot set hostname "
              + spec.hostname()
              + ": it shares the host's name "
              + hostHostname.get()
              + "; use hostname \"host\" or containermatrix.backend=native or docker");
    }
    for (Layer layer : spec.layers()) {
      if (!layer.role().equals(Layer.CLASSPATH)) {
        out.add(
            "the process backend cannot mount layer "
                + layer.directory()
                + " (role "
                + layer.role()
                + "): it runs on the host's filesystem, where only classpath layers need no mount; "
                + USE_OTHER);
      }
    }
    for (FileMount file : spec.files()) {
      out.add(
          "the process backend cannot place "
              + file.source()
              + " at "
              + file.target()
              + ": it runs on the host's filesystem; "
              + USE_OTHER);
    }
    for (String limit : spec.limits().describe()) {
      out.add("the process backend cannot enforce " + limit + ": " + USE_OTHER);
    }
    return List.copyOf(out);
  }
}
