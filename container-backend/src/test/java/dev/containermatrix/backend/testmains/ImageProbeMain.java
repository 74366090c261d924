package dev.containermatrix.backend.testmains;

import java.nio.file.Files;
import java.nio.file.Path;

/** Prints what root filesystem it runs on, one {@code key:value} line each. */
public final class ImageProbeMain {
  private ImageProbeMain() {}

  public static void main(String[] args) throws Exception {
    Path release = Path.of("/etc/image-release");
    System.out.println(
        "release:" + (Files.exists(release) ? Files.readString(release).strip() : "none"));
    System.out.println("host-ls:" + Files.exists(Path.of("/usr/bin/ls")));
    System.out.println("java:" + Runtime.version().feature());
    System.out.println("hostname:" + Files.readString(Path.of("/etc/hostname")).strip());
  }
}
