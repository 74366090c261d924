package dev.containermatrix.backend.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.containermatrix.backend.ChildJvms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Admission slots shared by separate JVMs, as Surefire forks and concurrent builds share them. */
class AdmissionSlotsProcessesTest {

  @TempDir Path temp;

  @RegisterExtension final ChildJvms children = new ChildJvms();

  @Test
  void fourJvmsOnTwoSlotsNeverHoldMoreThanTwoAtOnceAndAllFinish() throws Exception {
    Path store = temp.resolve("store");
    Path markers = Files.createDirectory(temp.resolve("markers"));
    List<String> names = List.of("a", "b", "c", "d");
    List<Process> observers = new ArrayList<>();
    for (String name : names) {
      observers.add(start(name, "observe", store.toString(), "2", markers.toString(), name, "400"));
    }

    await().atMost(ChildJvms.TIMEOUT).until(() -> observers.stream().noneMatch(Process::isAlive));

    for (int i = 0; i < names.size(); i++) {
      String output = output(names.get(i));
      assertThat(observers.get(i).exitValue()).as(output).isZero();
      assertThat(output).as("observer " + names.get(i)).contains("done");
      long holders =
          output
              .lines()
              .filter(l -> l.startsWith("holders="))
              .mapToLong(l -> Long.parseLong(l.substring(8)))
              .findFirst()
              .orElseThrow();
      assertThat(holders).as("holders observer " + names.get(i) + " saw").isBetween(1L, 2L);
    }
    assertThat(markers).isEmptyDirectory();
    assertThat(listing(store.resolve("admission"))).containsExactly("slot-0", "slot-1");
  }

  @Test
  void aJvmKilledWithSigkillWhileHoldingASlotDoesNotBlockTheNextAcquirer() throws Exception {
    Path store = temp.resolve("store");
    Process holder = start("holder", "hold", store.toString(), "1");
    await().atMost(ChildJvms.TIMEOUT).until(() -> output("holder").contains("holding slot-0"));
    AdmissionSlots slots = AdmissionSlots.open(store, 1);
    assertThat(slots.tryAcquire()).as("the slot is held by the other JVM").isEmpty();

    holder.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
    holder.waitFor();
    Process next = start("next", "once", store.toString(), "1");

    await().atMost(ChildJvms.TIMEOUT).until(() -> !next.isAlive());
    assertThat(next.exitValue()).as(output("next")).isZero();
    assertThat(output("next")).contains("acquired slot-0", "released");
  }

  private Process start(String name, String... args) throws IOException {
    return children.start(temp.resolve(name + ".out"), AdmissionChildMain.class, args);
  }

  private String output(String name) throws IOException {
    return ChildJvms.output(temp.resolve(name + ".out"));
  }

  private static List<String> listing(Path directory) throws IOException {
    try (var entries = Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
