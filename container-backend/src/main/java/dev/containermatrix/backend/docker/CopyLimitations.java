package dev.containermatrix.backend.docker;

import dev.containermatrix.backend.spi.ContainerSpec;
import dev.containermatrix.backend.spi.Layer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a spec asks of the host's file system that cannot reach an engine when files are copied
 * ({@link FileTransfer#COPY}): each item says what, and what to do instead.
 */
final class CopyLimitations {
  private CopyLimitations() {}

  /**
   * @param why why files are copied, e.g. "the engine runs in a VM"
   */
  static List<String> of(ContainerSpec spec, String why) {
    List<String> out = new ArrayList<>();
    String mode = "with files copied (" + why + ")";
    if (ContainerSpec.HOST.equals(spec.baseImage())) {
      out.add(
          "base 'host' is this host's own /usr and /lib, which the engine cannot see "
              + mode
              + ": give the matrix a base image (@BaseAxis, or base: in YAML), or a JDK from an"
              + " image, e.g. @JdkAxis(\"registry:eclipse-temurin:21-jdk\")");
    } else if (!hasShell(spec)) {
      out.add(
          "base image "
              + spec.baseImage()
              + " has no /bin/sh, which starts the JVM "
              + mode
              + ": use a base image with a shell, or run the engine on this host ("
              + FileTransfer.CONFIGURATION_KEY
              + "=bind)");
    }
    if (!spec.files().isEmpty()) {
      out.add(
          spec.files().size()
              + " files at fixed paths cannot be bound "
              + mode
              + ": the docker backend takes them as a config layer");
    }
    for (Path writable : spec.writableDirectories()) {
      out.add(
          "host directory "
              + writable
              + " cannot be written from the container "
              + mode
              + "; run the engine on this host ("
              + FileTransfer.CONFIGURATION_KEY
              + "=bind)");
    }
    List<Path> missing = notInLayers(spec);
    if (!missing.isEmpty()) {
      out.add(
          missing.size()
              + " classpath entries or JDKs are in no layer and cannot be bound "
              + mode
              + ": "
              + missing.subList(0, Math.min(3, missing.size()))
              + "; the docker backend needs them as layers");
    }
    return out;
  }

  private static boolean hasShell(ContainerSpec spec) {
    for (Layer layer : spec.layers()) {
      if (!Layer.BASE.equals(layer.role())) {
        continue;
      }
      for (String sh : List.of("bin/sh", "usr/bin/sh")) {
        if (Files.exists(layer.directory().resolve(sh), LinkOption.NOFOLLOW_LINKS)) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<Path> notInLayers(ContainerSpec spec) {
    List<Path> entries = new ArrayList<>();
    if (!spec.command().javaHomeInImage()) {
      entries.add(spec.command().javaHome());
    }
    entries.addAll(spec.command().classpath());
    List<Path> missing = new ArrayList<>();
    for (Path entry : entries) {
      String relative = Path.of("/").relativize(entry).toString();
      boolean inLayer =
          spec.layers().stream().anyMatch(l -> Files.exists(l.directory().resolve(relative)));
      if (!inLayer) {
        missing.add(entry);
      }
    }
    return missing;
  }
}
