package dev.containermatrix.junit.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the container-matrix engine on one class in this JVM, so a test can kill this JVM mid-run.
 */
public final class EngineRunnerMain {
  private EngineRunnerMain() {}

  public static void main(String[] args) throws Exception {
    LauncherFactory.create()
        .execute(
            LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(Class.forName(args[0])))
                .filters(EngineFilter.includeEngines(ContainerMatrixTestEngine.ENGINE_ID))
                .configurationParameter("containermatrix.backend", args[1])
                .configurationParameter("containermatrix.report.dir", args[2])
                .configurationParameter(
                    "containermatrix.archive",
                    "off") // these runs are about the host, not the archive
                .build());
  }
}
