package dev.containermatrix.junit.engine;

import dev.containermatrix.engine.plan.VariantPlanner;
import dev.containermatrix.engine.resolve.ClasspathComposer;
import dev.containermatrix.engine.resolve.JdkLocator;
import dev.containermatrix.engine.resolve.LibraryResolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The planner of this project's matrices on this host, from the engine's settings. */
final class VariantPlanners {
  private VariantPlanners() {}

  static VariantPlanner forProject(EngineSettings settings) {
    return new VariantPlanner(
        variantClasspath(settings.store()),
        settings.baseDirectory(),
        Thread.currentThread().getContextClassLoader(),
        new ClasspathComposer(LibraryResolver.forProject(settings.baseDirectory())),
        JdkLocator.forThisHost(),
        settings.reportDirectory().resolve("files"));
  }

  /**
   * What a variant's classpath starts from (design §2): the user's test classpath, the JUnit
   * Platform launcher where the project lacks it, and the agent jar; no other jar of ours.
   */
  private static List<Path> variantClasspath(Path store) {
    List<Path> classpath = new ArrayList<>(HostClasspath.read());
    HostClasspath.launcherJar().filter(jar -> !classpath.contains(jar)).ifPresent(classpath::add);
    classpath.add(AgentJar.materialize(store));
    return classpath;
  }
}
