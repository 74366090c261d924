package dev.containermatrix.backend.testmains;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the limits a JVM sees, one {@code key:value} line each. With argument {@code allocate} it
 * then allocates until it is killed; with {@code threads} it starts threads until it cannot.
 */
public final class LimitsProbeMain {
  private LimitsProbeMain() {}

  public static void main(String[] args) throws Exception {
    System.out.println("processors:" + Runtime.getRuntime().availableProcessors());
    System.out.println("maxHeap:" + Runtime.getRuntime().maxMemory());
    for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
      if (line.startsWith("Max open files")) {
        System.out.println(
            "nofile:" + line.replaceAll("Max open files\\s+(\\S+)\\s+(\\S+).*", "$1/$2"));
      }
    }
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("Cpus_allowed_list:")) {
        System.out.println("cpus_allowed:" + line.split(":")[1].trim());
      }
    }
    System.out.flush();
    if (args.length > 0 && args[0].equals("allocate")) {
      List<byte[]> hoard = new ArrayList<>();
      while (true) {
        byte[] chunk = new byte[1 << 20];
        for (int i = 0; i < chunk.length; i += 4096) {
          chunk[i] = 1;
        }
        hoard.add(chunk);
      }
    }
    if (args.length > 0 && args[0].equals("threads")) {
      int started = 0;
      try {
        for (; started < 10_000; started++) {
          Thread t =
              new Thread(
                  () -> {
                    try {
                      Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  });
          t.setDaemon(true);
          t.start();
        }
      } catch (OutOfMemoryError e) {
        // "unable to create native thread": the pids limit holds
      }
      System.out.println("threads:" + started);
      System.out.flush();
      Runtime.getRuntime().halt(0);
    }
  }
}
