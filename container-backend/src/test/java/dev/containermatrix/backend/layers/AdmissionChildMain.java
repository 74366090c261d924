package dev.containermatrix.backend.layers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * A JVM that takes an admission slot of a store, for tests of admission across processes.
 *
 * <ul>
 *   <li>{@code observe <store> <slots> <markers> <name> <holdMillis>}: takes a slot, creates {@code
 *       <markers>/<name>}, counts the markers while it holds the slot (right away and after {@code
 *       holdMillis}), deletes its marker, frees the slot and prints {@code holders=<most it saw>}
 *       and {@code done}.
 *   <li>{@code hold <store> <slots>}: takes a slot, prints {@code holding slot-<i>} and never ends.
 *   <li>{@code once <store> <slots>}: takes a slot, prints {@code acquired slot-<i>}, frees it and
 *       prints {@code released}.
 * </ul>
 */
public final class AdmissionChildMain {

  private AdmissionChildMain() {}

  public static void main(String[] args) throws Exception {
    AdmissionSlots slots = AdmissionSlots.open(Path.of(args[1]), Integer.parseInt(args[2]));
    switch (args[0]) {
      case "observe" -> {
        Path markers = Path.of(args[3]);
        Path mine = markers.resolve(args[4]);
        long most;
        try (AdmissionSlots.Slot slot = slots.acquire()) {
          Files.createFile(mine);
          most = holders(markers);
          Thread.sleep(Long.parseLong(args[5]));
          most = Math.max(most, holders(markers));
          Files.delete(mine);
        }
        System.out.println("holders=" + most);
        System.out.println("done");
      }
      case "hold" -> {
        AdmissionSlots.Slot slot = slots.acquire();
        System.out.println("holding slot-" + slot.index());
        new CountDownLatch(1).await();
      }
      case "once" -> {
        try (AdmissionSlots.Slot slot = slots.acquire()) {
          System.out.println("acquired slot-" + slot.index());
        }
        System.out.println("released");
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  private static long holders(Path markers) throws java.io.IOException {
    try (Stream<Path> entries = Files.list(markers)) {
      return entries.count();
    }
  }
}
