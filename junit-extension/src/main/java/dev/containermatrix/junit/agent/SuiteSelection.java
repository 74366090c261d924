package dev.containermatrix.junit.agent;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apiguardian.api.API;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.Filter;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.FilePosition;
import org.junit.platform.engine.discovery.PackageNameFilter;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TagFilter;

/**
 * What a suite matrix runs in each variant, read from the junit-platform-suite-api annotations on
 * its class as JUnit's suite engine reads them: the selectors ({@code @SelectPackages},
 * {@code @SelectClasses}, {@code @SelectMethod}, {@code @SelectClasspathResource},
 * {@code @SelectModules}, {@code @SelectDirectories}, {@code @SelectFile}, {@code @SelectUris},
 * {@code @Select}), the filters ({@code @Include/@ExcludeClassNamePatterns}, with JUnit's standard
 * pattern where no include pattern is given, {@code @Include/@ExcludePackages},
 * {@code @Include/@ExcludeTags}, {@code @Include/@ExcludeEngines}), the
 * {@code @ConfigurationParameter}s and {@code @ConfigurationParametersResource}s, and
 * {@code @Suite(failIfNoTests)}.
 *
 * <p>The host reads it to list each variant's tests, and the agent inside the variant reads it
 * again from the same class, so both build the same request. A selector naming a class, package or
 * resource that is not on the test classpath fails, naming the annotation.
 */
@API(status = INTERNAL, since = "0.1")
public final class SuiteSelection {
  private final String suiteClass;
  private final List<DiscoverySelector> selectors;
  private final List<String> described;
  private final List<Filter<?>> filters;
  private final Map<String, String> configuration;
  private final boolean failIfNoTests;

  private SuiteSelection(
      String suiteClass,
      List<DiscoverySelector> selectors,
      List<String> described,
      List<Filter<?>> filters,
      Map<String, String> configuration,
      boolean failIfNoTests) {
    this.suiteClass = suiteClass;
    this.selectors = List.copyOf(selectors);
    this.described = List.copyOf(described);
    this.filters = List.copyOf(filters);
    this.configuration = Map.copyOf(configuration);
    this.failIfNoTests = failIfNoTests;
  }

  /** Whether {@code candidate} carries a suite-api selector annotation, so is a suite matrix. */
  public static boolean isSuite(Class<?> candidate) {
    return SuiteAnnotations.of(candidate).anyStartingWith("Select");
  }

  /**
   * The selection of {@code suiteClass}.
   *
   * @throws IllegalArgumentException naming the annotation, where a selector names something that
   *     is not on the test classpath or an annotation is malformed
   */
  public static SuiteSelection of(Class<?> suiteClass) {
    return new Reader(suiteClass).read();
  }

  public String suiteClass() {
    return suiteClass;
  }

  public List<DiscoverySelector> selectors() {
    return selectors;
  }

  /** The selector annotations as written, e.g. {@code @SelectPackages("com.example")}. */
  public String describeSelectors() {
    return String.join(", ", described);
  }

  /** The suite's class-name, package, tag and engine filters. */
  public List<Filter<?>> filters() {
    return filters;
  }

  public Map<String, String> configuration() {
    return configuration;
  }

  /** {@code @Suite(failIfNoTests)}: true unless the suite says otherwise. */
  public boolean failIfNoTests() {
    return failIfNoTests;
  }

  private static final class Reader {
    private final Class<?> suite;
    private final SuiteAnnotations annotations;
    private final List<DiscoverySelector> selectors = new ArrayList<>();
    private final List<String> described = new ArrayList<>();
    private final List<Filter<?>> filters = new ArrayList<>();
    private final Map<String, String> configuration = new LinkedHashMap<>();

    Reader(Class<?> suite) {
      this.suite = suite;
      this.annotations = SuiteAnnotations.of(suite);
    }

    SuiteSelection read() {
      for (Annotation a : annotations.all()) {
        select(a);
      }
      if (selectors.isEmpty()) {
        throw new SuiteDefinitionException(
            suite.getName()
                + " has no suite-api selector that selects anything; give it e.g."
                + " @SelectPackages(\"…\") or @SelectClasses(…)");
      }
      readFilters();
      readConfiguration();
      boolean failIfNoTests =
          annotations.named("Suite").stream()
              .map(a -> annotations.attribute(a, "failIfNoTests"))
              .map(v -> v == null || (Boolean) v)
              .findFirst()
              .orElse(true);
      return new SuiteSelection(
          suite.getName(), selectors, described, filters, configuration, failIfNoTests);
    }

    private void select(Annotation a) {
      String name = a.annotationType().getSimpleName();
      switch (name) {
        case "SelectClasses" -> selectClasses(a);
        case "SelectPackages" -> {
          for (String p : annotations.strings(a, "value")) {
            requirePackage(p);
            add(DiscoverySelectors.selectPackage(p), "@SelectPackages(\"" + p + "\")");
          }
        }
        case "SelectMethod" -> selectMethod(a);
        case "SelectClasspathResource" -> {
          String resource = annotations.string(a, "value");
          if (suite.getClassLoader().getResource(stripSlash(resource)) == null) {
            throw missing("@SelectClasspathResource(\"" + resource + "\")", "resource");
          }
          add(
              DiscoverySelectors.selectClasspathResource(resource, position(a)),
              "@SelectClasspathResource(\"" + resource + "\")");
        }
        case "SelectModules" -> {
          for (String m : annotations.strings(a, "value")) {
            add(DiscoverySelectors.selectModule(m), "@SelectModules(\"" + m + "\")");
          }
        }
        case "SelectDirectories" -> {
          for (String d : annotations.strings(a, "value")) {
            add(DiscoverySelectors.selectDirectory(d), "@SelectDirectories(\"" + d + "\")");
          }
        }
        case "SelectFile" -> {
          String f = annotations.string(a, "value");
          add(DiscoverySelectors.selectFile(f, position(a)), "@SelectFile(\"" + f + "\")");
        }
        case "SelectUris" -> {
          for (String u : annotations.strings(a, "value")) {
            add(DiscoverySelectors.selectUri(u), "@SelectUris(\"" + u + "\")");
          }
        }
        case "Select" -> {
          for (String identifier : annotations.strings(a, "value")) {
            add(
                parseIdentifier(identifier)
                    .orElseThrow(
                        () ->
                            new SuiteDefinitionException(
                                "@Select(\""
                                    + identifier
                                    + "\") on "
                                    + suite.getName()
                                    + " is not a selector identifier JUnit reads; write it as e.g."
                                    + " class:com.example.FooTest")),
                "@Select(\"" + identifier + "\")");
          }
        }
        default -> {
          // a filter or configuration annotation, read below
        }
      }
    }

    /**
     * {@code DiscoverySelectors.parse}, which came with {@code @Select} in JUnit 5.11, called by
     * reflection since we compile against 5.10.
     */
    private static Optional<DiscoverySelector> parseIdentifier(String identifier) {
      try {
        Object parsed =
            DiscoverySelectors.class.getMethod("parse", String.class).invoke(null, identifier);
        return ((Optional<?>) parsed).map(DiscoverySelector.class::cast);
      } catch (ReflectiveOperationException | RuntimeException e) {
        return Optional.empty();
      }
    }

    private void selectClasses(Annotation a) {
      Object value = annotations.attribute(a, "value");
      for (Class<?> c : value == null ? new Class<?>[0] : (Class<?>[]) value) {
        add(DiscoverySelectors.selectClass(c), "@SelectClasses(" + c.getName() + ".class)");
      }
      for (String n : annotations.strings(a, "names")) {
        if (ReflectionSupport.tryToLoadClass(n).toOptional().isEmpty()) {
          throw missing("@SelectClasses(names = \"" + n + "\")", "class");
        }
        add(DiscoverySelectors.selectClass(n), "@SelectClasses(names = \"" + n + "\")");
      }
    }

    private void selectMethod(Annotation a) {
      String value = annotations.string(a, "value");
      if (!value.isBlank()) {
        int hash = value.indexOf('#');
        String className = hash > 0 ? value.substring(0, hash) : value;
        if (ReflectionSupport.tryToLoadClass(className).toOptional().isEmpty()) {
          throw missing("@SelectMethod(\"" + value + "\")", "class");
        }
        add(DiscoverySelectors.selectMethod(value), "@SelectMethod(\"" + value + "\")");
        return;
      }
      Object type = annotations.attribute(a, "type");
      String typeName =
          type instanceof Class<?> c && c != Class.class
              ? c.getName()
              : annotations.string(a, "typeName");
      String method = annotations.string(a, "name");
      Object parameterTypes = annotations.attribute(a, "parameterTypes");
      String parameters =
          parameterTypes instanceof Class<?>[] types && types.length > 0
              ? String.join(", ", Arrays.stream(types).map(Class::getName).toList())
              : annotations.string(a, "parameterTypeNames");
      String written = "@SelectMethod(typeName = \"" + typeName + "\", name = \"" + method + "\")";
      if (typeName.isBlank() || method.isBlank()) {
        throw new SuiteDefinitionException(
            written
                + " on "
                + suite.getName()
                + " names no class or no method; give value = \"com.example.FooTest#bar\" or"
                + " type and name");
      }
      if (ReflectionSupport.tryToLoadClass(typeName).toOptional().isEmpty()) {
        throw missing(written, "class");
      }
      add(DiscoverySelectors.selectMethod(typeName, method, parameters), written);
    }

    private FilePosition position(Annotation a) {
      Object line = annotations.attribute(a, "line");
      Object column = annotations.attribute(a, "column");
      int l = line == null ? 0 : (Integer) line;
      int c = column == null ? 0 : (Integer) column;
      if (l <= 0) {
        return null;
      }
      return c <= 0 ? FilePosition.from(l) : FilePosition.from(l, c);
    }

    private void requirePackage(String packageName) {
      AtomicBoolean any = new AtomicBoolean();
      // the name filter sees each class name first and loads none
      ReflectionSupport.findAllClassesInPackage(
          packageName,
          c -> false,
          n -> {
            any.set(true);
            return false;
          });
      if (!any.get()) {
        throw missing("@SelectPackages(\"" + packageName + "\")", "package");
      }
    }

    private SuiteDefinitionException missing(String written, String what) {
      return new SuiteDefinitionException(
          written
              + " on "
              + suite.getName()
              + " names a "
              + what
              + " that is not on the test classpath; check the name, or add the jar that holds"
              + " it (a library's tests jar is a test-scoped dependency with <classifier>tests"
              + "</classifier>)");
    }

    private void add(DiscoverySelector selector, String writtenAs) {
      selectors.add(selector);
      described.add(writtenAs);
    }

    private void readFilters() {
      List<String> include = values("IncludeClassNamePatterns");
      filters.add(
          ClassNameFilter.includeClassNamePatterns(
              annotations.named("IncludeClassNamePatterns").isEmpty()
                  ? new String[] {ClassNameFilter.STANDARD_INCLUDE_PATTERN}
                  : include.toArray(String[]::new)));
      List<String> exclude = values("ExcludeClassNamePatterns");
      if (!exclude.isEmpty()) {
        filters.add(ClassNameFilter.excludeClassNamePatterns(exclude.toArray(String[]::new)));
      }
      addIfAny("IncludePackages", v -> PackageNameFilter.includePackageNames(v));
      addIfAny("ExcludePackages", v -> PackageNameFilter.excludePackageNames(v));
      addIfAny("IncludeTags", v -> TagFilter.includeTags(v));
      addIfAny("ExcludeTags", v -> TagFilter.excludeTags(v));
      addIfAny("IncludeEngines", v -> EngineFilter.includeEngines(v));
      addIfAny("ExcludeEngines", v -> EngineFilter.excludeEngines(v));
    }

    private void addIfAny(String annotation, java.util.function.Function<String[], Filter<?>> f) {
      List<String> values = values(annotation);
      if (!values.isEmpty()) {
        filters.add(f.apply(values.toArray(String[]::new)));
      }
    }

    /** The non-blank values of every annotation of that name, trimmed. */
    private List<String> values(String annotation) {
      List<String> values = new ArrayList<>();
      for (Annotation a : annotations.named(annotation)) {
        for (String v : annotations.strings(a, "value")) {
          if (!v.isBlank()) {
            values.add(v.trim());
          }
        }
      }
      return values;
    }

    private void readConfiguration() {
      for (Annotation a : annotations.named("ConfigurationParametersResource")) {
        String resource = annotations.string(a, "value");
        Properties properties = new Properties();
        try (InputStream in = suite.getClassLoader().getResourceAsStream(stripSlash(resource))) {
          if (in == null) {
            throw missing("@ConfigurationParametersResource(\"" + resource + "\")", "resource");
          }
          properties.load(in);
        } catch (IOException e) {
          throw new SuiteDefinitionException(
              "@ConfigurationParametersResource(\""
                  + resource
                  + "\") on "
                  + suite.getName()
                  + " could not be read: "
                  + e.getMessage(),
              e);
        }
        properties
            .stringPropertyNames()
            .forEach(k -> configuration.put(k, properties.getProperty(k)));
      }
      for (Annotation a : annotations.named("ConfigurationParameter")) {
        configuration.put(annotations.string(a, "key"), annotations.string(a, "value"));
      }
    }

    private static String stripSlash(String resource) {
      return resource.startsWith("/") ? resource.substring(1) : resource;
    }
  }
}
