package dev.containermatrix.junit.engine;

import dev.containermatrix.junit.agent.SelectorText;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

/**
 * Lists, at discovery and on the host, the tests a variant's agent will run: the inner engine
 * (Jupiter) discovers the variant's selectors as the agent will, from the host's test classpath,
 * and no container starts. One discovery serves every variant with the same selectors.
 *
 * <p>Where the inner engine is not on the host's classpath or its discovery fails, nothing is
 * listed: the variant's tests then register as the agent reports them, as dynamic tests do.
 */
final class InnerDiscovery {
  static final String JUPITER = "junit-jupiter";

  private final ClassLoader loader;
  private final Map<List<String>, Optional<TestDescriptor>> discovered = new ConcurrentHashMap<>();
  private @Nullable Optional<TestEngine> engine;

  private InnerDiscovery(ClassLoader loader) {
    this.loader = loader;
  }

  /**
   * Jupiter, as the host's test classpath has it; looked up on the first discovery, so a run
   * without matrix classes loads no engine for it.
   */
  static InnerDiscovery onThisHost() {
    return new InnerDiscovery(Thread.currentThread().getContextClassLoader());
  }

  private synchronized Optional<TestEngine> engine() {
    if (engine == null) {
      engine =
          ServiceLoader.load(TestEngine.class, loader).stream()
              .map(ServiceLoader.Provider::get)
              .filter(e -> JUPITER.equals(e.getId()))
              .findFirst();
    }
    return engine;
  }

  /**
   * The inner engine's tree for {@code selectors} (agent selector texts), rooted at its engine
   * node; empty where it cannot be listed.
   */
  Optional<TestDescriptor> discover(List<String> selectors) {
    return discovered.computeIfAbsent(List.copyOf(selectors), this::run);
  }

  private Optional<TestDescriptor> run(List<String> selectors) {
    Optional<TestEngine> jupiter = engine();
    if (jupiter.isEmpty()) {
      return Optional.empty();
    }
    List<DiscoverySelector> parsed =
        selectors.stream().map(SelectorText::parse).flatMap(Optional::stream).toList();
    if (parsed.size() != selectors.size()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          jupiter
              .get()
              .discover(
                  LauncherDiscoveryRequestBuilder.request().selectors(parsed).build(),
                  UniqueId.forEngine(JUPITER)));
    } catch (RuntimeException | LinkageError e) {
      // the agent discovers again inside the variant and reports what fails there
      return Optional.empty();
    }
  }
}
