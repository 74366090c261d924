package dev.containermatrix.junit.agent;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The discovery requests a variant's agent runs, built the same way on the host, which lists each
 * variant's tests with them before any container starts, and inside the variant.
 *
 * <ul>
 *   <li>A class matrix runs its selectors on Jupiter alone.
 *   <li>A suite matrix runs its suite's selection ({@link SuiteSelection}) on every engine but
 *       {@code container-matrix} (it would recurse) and {@code junit-platform-suite} (it would run
 *       the matrix's own class as a suite again), without the {@code @ContainerMatrix} classes the
 *       selection finds; the launcher's unique ids, where its filters cut into the suite, replace
 *       the suite's selectors but not its filters or configuration.
 * </ul>
 */
@API(status = INTERNAL, since = "0.1")
public final class AgentRequests {
  static final String JUPITER = "junit-jupiter";
  static final List<String> NEVER_INSIDE_A_SUITE =
      List.of("container-matrix", "junit-platform-suite");

  private AgentRequests() {}

  /** Jupiter alone, on {@code selectors}. */
  public static LauncherDiscoveryRequest forClasses(List<DiscoverySelector> selectors) {
    return base().selectors(selectors).filters(EngineFilter.includeEngines(JUPITER)).build();
  }

  /**
   * Every engine but ours and the suite engine, on the suite's selection; on {@code uniqueIds}
   * instead of its selectors when they are given.
   */
  public static LauncherDiscoveryRequest forSuite(
      SuiteSelection suite, List<DiscoverySelector> uniqueIds) {
    LauncherDiscoveryRequestBuilder builder =
        base()
            .selectors(uniqueIds.isEmpty() ? suite.selectors() : uniqueIds)
            .filters(
                EngineFilter.excludeEngines(NEVER_INSIDE_A_SUITE.toArray(String[]::new)),
                new MatrixClassExclusion())
            .configurationParameters(suite.configuration());
    suite.filters().forEach(builder::filters);
    return builder.build();
  }

  private static LauncherDiscoveryRequestBuilder base() {
    return LauncherDiscoveryRequestBuilder.request()
        // JUnit 5's default listener throws out of discovery when a selector cannot be resolved, so
        // no event would say why; logging lets the engine finish and NothingFoundGuard fail it by
        // name
        .configurationParameter("junit.platform.discovery.listener.default", "logging");
  }

  /**
   * A launcher with the engines on the classpath and nothing else of {@code ServiceLoader}'s: no
   * post-discovery filter (the host's would remove the matrix class itself), no listener.
   */
  public static Launcher launcher() {
    return LauncherFactory.create(
        LauncherConfig.builder()
            .enableTestEngineAutoRegistration(true)
            .enablePostDiscoveryFilterAutoRegistration(false)
            .enableLauncherDiscoveryListenerAutoRegistration(false)
            .enableTestExecutionListenerAutoRegistration(false)
            .enableLauncherSessionListenerAutoRegistration(false)
            .build());
  }
}
