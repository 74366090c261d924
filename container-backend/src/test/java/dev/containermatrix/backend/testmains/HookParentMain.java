package dev.containermatrix.backend.testmains;

import dev.containermatrix.backend.process.ProcessRuntime;
import dev.containermatrix.backend.spi.ContainerHandle;
import java.nio.file.Path;
import java.util.List;

/**
 * Launches {@link SleepMain} on a {@link ProcessRuntime}, prints {@code container:<pid>}, then
 * waits to be stopped.
 */
public final class HookParentMain {

  public static void main(String[] args) throws Exception {
    ContainerHandle handle =
        new ProcessRuntime()
            .launch(TestSpecs.hostSpec(Path.of(args[0]), "hooked", SleepMain.class, List.of()));
    System.out.println("container:" + handle.pid());
    System.out.flush();
    handle.awaitExit();
  }
}
