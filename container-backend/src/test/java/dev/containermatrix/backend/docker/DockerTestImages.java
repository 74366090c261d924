package dev.containermatrix.backend.docker;

import dev.containermatrix.backend.HostCommand;
import dev.containermatrix.backend.HostRequirements;
import dev.containermatrix.backend.layers.ReproducibleLayer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Images for the docker client's tests and benchmark, made on the spot (no registry): a rootfs tar
 * of the host's {@code dash} as {@code /bin/sh}, {@code cat}, {@code sleep} and {@code true} with
 * the libraries {@code ldd} finds for them, given to {@code docker import} with the test label
 * {@value #LABEL}.
 */
final class DockerTestImages {

  /** Every container and image these tests make carries this label (value {@code true}). */
  static final String LABEL = "dev.containermatrix.test";

  private DockerTestImages() {}

  /** The default engine, or the test is skipped (failed on CI) saying what is missing. */
  static DockerApi requireEngine() throws IOException {
    DockerHost host = DockerHost.resolve(null, System.getenv());
    HostRequirements.require(
        Files.exists(host.socket()) && HostCommand.works("docker", "info"),
        "a Docker engine at "
            + host
            + " and the docker CLI (apt-get install docker.io; dockerd --bridge=none"
            + " --iptables=false --ip-masq=false)");
    return DockerApi.connect(host);
  }

  /** Imports the shell image as {@code name}, with the test label and {@code run=<run>}. */
  static void importShellImage(Path work, String name, String run) throws Exception {
    Path tar = work.resolve("shell-rootfs.tar");
    ReproducibleLayer.Builder layer = ReproducibleLayer.builder();
    Map<String, Path> tools =
        Map.of(
            "sh",
            Path.of("/bin/dash"),
            "cat",
            Path.of("/bin/cat"),
            "true",
            Path.of("/bin/true"),
            "sleep",
            Path.of("/bin/sleep"));
    Set<String> libraries = new TreeSet<>();
    for (Map.Entry<String, Path> tool : tools.entrySet()) {
      layer.addFile("bin/" + tool.getKey(), tool.getValue().toRealPath(), true);
      libraries.addAll(libraries(tool.getValue()));
    }
    for (String library : libraries) {
      layer.addFile(library.substring(1), Path.of(library).toRealPath(), true);
    }
    layer.addDirectory("tmp");
    layer.addDirectory("work");
    try (OutputStream out = Files.newOutputStream(tar)) {
      layer.build().writeTo(out);
    }
    importTar(work, tar, name, run);
  }

  /** Imports a rootfs of one file, {@code /hello.txt}, as {@code name}. */
  static void importFileImage(Path work, String name, String run, String text) throws Exception {
    Path tar = work.resolve("file-rootfs.tar");
    try (OutputStream out = Files.newOutputStream(tar)) {
      ReproducibleLayer.builder()
          .addFile("hello.txt", text.getBytes(StandardCharsets.UTF_8), false)
          .build()
          .writeTo(out);
    }
    importTar(work, tar, name, run);
  }

  private static void importTar(Path work, Path tar, String name, String run) throws Exception {
    HostCommand.run(
        work,
        Map.of(),
        "docker",
        "import",
        "--change",
        "LABEL " + LABEL + "=true",
        "--change",
        "LABEL " + LABEL + ".run=" + run,
        tar.toString(),
        name);
  }

  /** Removes every container, then every image, labelled with this run. */
  static void removeRun(DockerApi docker, String run) throws IOException {
    String filter = LABEL + ".run=" + run;
    for (ContainerSummary container : docker.listContainers(java.util.List.of(filter))) {
      docker.removeContainer(container.id());
    }
    for (ImageDetails image : docker.listImages(java.util.List.of(filter))) {
      docker.removeImage(image.id(), true);
    }
  }

  private static Set<String> libraries(Path binary) throws Exception {
    Set<String> found = new TreeSet<>();
    Process ldd = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
    for (String line :
        new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
      for (String part : line.trim().split("\\s+")) {
        if (part.startsWith("/") && Files.exists(Path.of(part))) {
          found.add(part);
        }
      }
    }
    ldd.waitFor();
    return found;
  }
}
