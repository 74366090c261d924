package dev.containermatrix.junit.agent;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.launcher.LauncherDiscoveryRequest;

/**
 * What the agent was asked to run, read from its arguments: selectors for Jupiter (a class matrix),
 * or {@code suite:<class>} and optionally the unique ids to keep of it (a suite matrix). The host
 * reads the same arguments to list a variant's tests as the agent will find them.
 */
@API(status = INTERNAL, since = "0.1")
public final class AgentWork {
  /** The first argument of a suite matrix's agent: {@code suite:<class>}. */
  public static final String SUITE_PREFIX = "suite:";

  private final List<String> texts;
  private final List<DiscoverySelector> selectors;
  private final @Nullable SuiteSelection suite;

  private AgentWork(
      List<String> texts, List<DiscoverySelector> selectors, @Nullable SuiteSelection suite) {
    this.texts = List.copyOf(texts);
    this.selectors = List.copyOf(selectors);
    this.suite = suite;
  }

  /** The work {@code args} name, or empty after telling {@code err} what is wrong with them. */
  public static Optional<AgentWork> parse(String[] args, PrintStream err) {
    List<String> texts = Arrays.asList(args);
    if (args.length == 0 || !args[0].startsWith(SUITE_PREFIX)) {
      return AgentMain.selectors(texts, err).map(s -> new AgentWork(texts, s, null));
    }
    String suiteClass = args[0].substring(SUITE_PREFIX.length());
    Optional<Class<?>> loaded = ReflectionSupport.tryToLoadClass(suiteClass).toOptional();
    if (loaded.isEmpty()) {
      err.println(
          "containermatrix agent: the suite class "
              + suiteClass
              + " is not on this variant's classpath\n"
              + AgentMain.USAGE);
      return Optional.empty();
    }
    SuiteSelection suite;
    try {
      suite = SuiteSelection.of(loaded.get());
    } catch (IllegalArgumentException e) {
      err.println("containermatrix agent: " + e.getMessage());
      return Optional.empty();
    }
    List<String> rest = texts.subList(1, texts.size());
    if (rest.isEmpty()) {
      return Optional.of(new AgentWork(texts, List.of(), suite));
    }
    Optional<List<DiscoverySelector>> ids = AgentMain.selectors(rest, err);
    if (ids.isPresent() && !ids.get().stream().allMatch(UniqueIdSelector.class::isInstance)) {
      err.println(
          "containermatrix agent: after "
              + args[0]
              + " only unique ids (uid:…) may follow\n"
              + AgentMain.USAGE);
      return Optional.empty();
    }
    return ids.map(s -> new AgentWork(texts, s, suite));
  }

  public LauncherDiscoveryRequest request() {
    return suite == null
        ? AgentRequests.forClasses(selectors)
        : AgentRequests.forSuite(suite, selectors);
  }

  /** A suite's engines are nodes of the tree; a class matrix's engine is the variant itself. */
  public boolean enginesAreNodes() {
    return suite != null;
  }

  /** Why a run that found no test fails, or empty where it does not (failIfNoTests=false). */
  Optional<String> nothingFound(String variant) {
    if (suite == null) {
      return Optional.of(
          "No test found for "
              + String.join(", ", texts)
              + " on this variant's classpath: check that the class is compiled into the"
              + " test classpath and has test methods (JUnit only warned about it)");
    }
    if (!suite.failIfNoTests()) {
      return Optional.empty();
    }
    return Optional.of(
        "suite "
            + suite.suiteClass()
            + " selected no tests in variant "
            + variant
            + " (selectors: "
            + suite.describeSelectors()
            + (selectors.isEmpty() ? "" : "; unique ids: " + selectors.size())
            + "); check the selectors and the suite's filters against this variant's classpath,"
            + " or set @Suite(failIfNoTests = false)");
  }
}
