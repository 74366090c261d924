package dev.containermatrix.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package map in {@code docs/architecture.md} ("Packages and what they depend on", the fenced
 * {@code package-map} block) against the imports of the main sources of all three modules.
 *
 * <p>One test in junit-extension, not one per module: the map is one document, and a cycle can only
 * be seen on the whole graph. The sources are read as text, through paths relative to the reactor's
 * root, so this test needs the source tree (it is not run from a jar).
 */
class PackageMapTest {

  private static final String PREFIX = "dev.containermatrix.";
  private static final List<String> MODULES =
      List.of("container-backend", "matrix-engine", "junit-extension");
  private static final Pattern PACKAGE =
      Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

  /** A name of ours in code: lower-case package segments, then a type's upper-case initial. */
  private static final Pattern QUALIFIED =
      Pattern.compile("\\bdev\\.containermatrix((?:\\.[a-z_][\\w]*)*)\\.[A-Z]");

  private static final Pattern IMPORT =
      Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)(?:\\.\\*)?\\s*;", Pattern.MULTILINE);

  private static Path root;
  private static Path architecture;
  private static Map<String, Set<String>> map;
  private static List<Source> sources;

  /** One main source file: where it is, its package, and each reference it makes. */
  record Source(Path file, String module, String pkg, List<Reference> references) {}

  /** A name used in a file: the whole name as written, its line, and the package it is in. */
  record Reference(String name, int line, String pkg) {}

  @BeforeAll
  static void readMapAndSources() throws IOException {
    root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();
    architecture = root.resolve("docs/architecture.md");
    assertThat(architecture)
        .as("PackageMapTest reads the reactor's sources relative to junit-extension's directory")
        .isRegularFile();
    map = readMap(Files.readString(architecture));
    sources = new ArrayList<>();
    for (String module : MODULES) {
      Path main = root.resolve(module).resolve("src/main/java");
      try (Stream<Path> files = Files.walk(main)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
          sources.add(read(file, module));
        }
      }
    }
  }

  @Test
  void everyImportOfOursIsOneThePackageMapAllows() {
    List<String> offences = new ArrayList<>();
    for (Source source : sources) {
      Set<String> allowed = map.get(source.pkg());
      if (allowed == null) {
        continue; // everyPackageHasALineInThePackageMap names it
      }
      for (Reference reference : source.references()) {
        String used = reference.pkg();
        if (used.equals(source.pkg()) || !used.startsWith("dev.containermatrix")) {
          continue;
        }
        if (!allows(allowed, used)) {
          offences.add(
              String.format(
                  "%s:%d uses %s, but package %s may not use package %s: add '%s' to the line of"
                      + " '%s' in the package-map block of docs/architecture.md, or remove the"
                      + " dependency",
                  root.relativize(source.file()),
                  reference.line(),
                  reference.name(),
                  source.pkg(),
                  used,
                  shortName(used),
                  shortName(source.pkg())));
        }
      }
    }
    assertThat(offences).as("imports the package map does not allow").isEmpty();
  }

  @Test
  void everyPackageHasALineInThePackageMap() {
    Map<String, Set<String>> graph = graph();
    List<String> missing =
        graph.keySet().stream()
            .filter(pkg -> !map.containsKey(pkg))
            .map(
                pkg ->
                    String.format(
                        "package %s (e.g. %s) has no line in the package-map block of"
                            + " docs/architecture.md; add: %s -> %s",
                        pkg,
                        firstFileOf(pkg),
                        shortName(pkg),
                        graph.get(pkg).stream()
                            .map(PackageMapTest::shortName)
                            .collect(Collectors.joining(" "))))
            .toList();
    assertThat(missing).as("packages missing from the package map").isEmpty();
  }

  @Test
  void thePackageMapNamesNoPackageThatIsGone() {
    Set<String> existing = graph().keySet();
    List<String> gone = new ArrayList<>();
    map.forEach(
        (pkg, allowed) -> {
          if (!existing.contains(pkg)) {
            gone.add(
                "the package map has a line for "
                    + shortName(pkg)
                    + ", which no main source file is in: remove the line from"
                    + " docs/architecture.md");
          }
          for (String dependency : allowed) {
            if (!dependency.endsWith(".*") && !existing.contains(dependency)) {
              gone.add(
                  "the line of "
                      + shortName(pkg)
                      + " allows "
                      + shortName(dependency)
                      + ", which no main source file is in: remove it from the line in"
                      + " docs/architecture.md");
            }
          }
        });
    assertThat(gone).as("stale entries of the package map").isEmpty();
  }

  @Test
  void packagesDependOnEachOtherWithoutCycles() {
    Map<String, Set<String>> graph = graph();
    List<String> cycle = findCycle(graph);
    assertThat(cycle)
        .as(
            "packages that depend on each other in a cycle (%s); move the shared classes into a"
                + " package both may use",
            String.join(" -> ", cycle))
        .isEmpty();
  }

  @Test
  void containerBackendUsesNeitherMatrixEngineNorJunitExtension() {
    assertThat(
            importsOf(
                "container-backend", "dev.containermatrix.engine.", "dev.containermatrix.junit."))
        .as("container-backend is the bottom module: it may not import the modules above it")
        .isEmpty();
  }

  @Test
  void matrixEngineUsesNoJunitJnaDockerOrJunitExtension() {
    assertThat(
            importsOf(
                "matrix-engine",
                "org.junit.",
                "org.opentest4j.",
                "com.sun.jna.",
                "com.github.dockerjava.",
                "org.testcontainers.",
                "dev.containermatrix.junit."))
        .as(
            "matrix-engine is JUnit-free and has no JNA or Docker dependency (docs/architecture.md,"
                + " Modules): move the code to junit-extension or container-backend")
        .isEmpty();
  }

  @Test
  void theAgentUsesNoJackson() {
    List<String> jackson =
        sources.stream()
            .filter(source -> source.pkg().equals(PREFIX + "junit.agent"))
            .flatMap(
                source ->
                    source.references().stream()
                        .filter(reference -> reference.name().startsWith("com.fasterxml.jackson."))
                        .map(
                            reference ->
                                root.relativize(source.file())
                                    + ":"
                                    + reference.line()
                                    + " imports "
                                    + reference.name()))
            .toList();
    assertThat(jackson)
        .as(
            "the agent runs on the variant's classpath, where Jackson may be any version or"
                + " missing: write JSON with JsonWriter")
        .isEmpty();
  }

  // --- the map ---------------------------------------------------------------------------------

  static Map<String, Set<String>> readMap(String markdown) {
    Matcher block = Pattern.compile("```package-map\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
    assertThat(block.find())
        .as("docs/architecture.md has a fenced block ```package-map listing 'package -> packages'")
        .isTrue();
    Map<String, Set<String>> lines = new LinkedHashMap<>();
    for (String line : block.group(1).split("\n")) {
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      String[] sides = text.split("->", -1);
      assertThat(sides)
          .as("package-map line '%s' is 'package -> packages it may use'", text)
          .hasSize(2);
      String pkg = fullName(sides[0].strip());
      Set<String> allowed = new TreeSet<>();
      for (String name : sides[1].strip().split("[\\s,]+")) {
        if (!name.isEmpty()) {
          allowed.add(fullName(name));
        }
      }
      assertThat(lines.put(pkg, allowed))
          .as("package-map has two lines for %s", sides[0].strip())
          .isNull();
    }
    return lines;
  }

  private static boolean allows(Set<String> allowed, String used) {
    for (String name : allowed) {
      if (name.endsWith(".*")) {
        String base = name.substring(0, name.length() - 2);
        if (used.equals(base) || used.startsWith(base + ".")) {
          return true;
        }
      } else if (name.equals(used)) {
        return true;
      }
    }
    return false;
  }

  private static String fullName(String shortName) {
    return PREFIX + shortName;
  }

  private static String shortName(String pkg) {
    return pkg.startsWith(PREFIX) ? pkg.substring(PREFIX.length()) : pkg;
  }

  // --- the sources -----------------------------------------------------------------------------

  static Source read(Path file, String module) {
    String text;
    try {
      text = withoutComments(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher pkg = PACKAGE.matcher(text);
    assertThat(pkg.find()).as("%s has a package line", file).isTrue();
    List<Reference> references = new ArrayList<>();
    Matcher imports = IMPORT.matcher(text);
    while (imports.find()) {
      String name = imports.group(1);
      references.add(new Reference(name, lineOf(text, imports.start()), packageOf(name)));
    }
    Matcher qualified = QUALIFIED.matcher(text);
    while (qualified.find()) {
      if (!text.startsWith("import", text.lastIndexOf('\n', qualified.start()) + 1)
          && !text.startsWith("package", text.lastIndexOf('\n', qualified.start()) + 1)) {
        String name = "dev.containermatrix" + qualified.group(1);
        references.add(new Reference(name, lineOf(text, qualified.start()), name));
      }
    }
    return new Source(file, module, pkg.group(1), references);
  }

  /** The package of an imported name: the segments before the first one that starts upper-case. */
  private static String packageOf(String name) {
    List<String> segments = new ArrayList<>();
    for (String segment : name.split("\\.")) {
      if (Character.isUpperCase(segment.charAt(0))) {
        break;
      }
      segments.add(segment);
    }
    return String.join(".", segments);
  }

  /** Comments blanked out, keeping the line breaks so line numbers still match the file. */
  private static String withoutComments(String java) {
    StringBuilder out = new StringBuilder(java.length());
    int i = 0;
    while (i < java.length()) {
      char c = java.charAt(i);
      if (java.startsWith("\"\"\"", i)) {
        int end = java.indexOf("\"\"\"", i + 3);
        end = end < 0 ? java.length() : end + 3;
        out.append(java, i, end);
        i = end;
      } else if (c == '\'') {
        int end = i + 1;
        while (end < java.length() && java.charAt(end) != '\'') {
          end += java.charAt(end) == '\\' ? 2 : 1;
        }
        out.append(java, i, Math.min(end + 1, java.length()));
        i = end + 1;
      } else if (c == '"') {
        int end = i + 1;
        while (end < java.length() && java.charAt(end) != '"') {
          end += java.charAt(end) == '\\' ? 2 : 1;
        }
        out.append(java, i, Math.min(end + 1, java.length()));
        i = end + 1;
      } else if (java.startsWith("//", i)) {
        while (i < java.length() && java.charAt(i) != '\n') {
          i++;
        }
      } else if (java.startsWith("/*", i)) {
        int end = java.indexOf("*/", i + 2);
        end = end < 0 ? java.length() : end + 2;
        java.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static int lineOf(String text, int offset) {
    return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
  }

  /** Package → the packages of ours it uses, from the code. */
  private static Map<String, Set<String>> graph() {
    Map<String, Set<String>> graph = new TreeMap<>();
    for (Source source : sources) {
      Set<String> uses = graph.computeIfAbsent(source.pkg(), p -> new TreeSet<>());
      for (Reference reference : source.references()) {
        if (reference.pkg().startsWith("dev.containermatrix")
            && !reference.pkg().equals(source.pkg())) {
          uses.add(reference.pkg());
        }
      }
    }
    return graph;
  }

  private static String firstFileOf(String pkg) {
    return sources.stream()
        .filter(s -> s.pkg().equals(pkg))
        .findFirst()
        .map(s -> root.relativize(s.file()).toString())
        .orElse("?");
  }

  private List<String> importsOf(String module, String... forbidden) {
    List<String> found = new ArrayList<>();
    for (Source source : sources) {
      if (!source.module().equals(module)) {
        continue;
      }
      for (Reference reference : source.references()) {
        for (String prefix : forbidden) {
          if ((reference.name() + ".").startsWith(prefix)) {
            found.add(
                root.relativize(source.file())
                    + ":"
                    + reference.line()
                    + " uses "
                    + reference.name());
          }
        }
      }
    }
    return found;
  }

  /** A cycle in the graph as its packages in order (first one repeated at the end), or empty. */
  static List<String> findCycle(Map<String, Set<String>> graph) {
    Map<String, Integer> state = new TreeMap<>(); // 1 = on the path, 2 = done
    List<String> path = new ArrayList<>();
    for (String start : graph.keySet()) {
      List<String> cycle = visit(start, graph, state, path);
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    return List.of();
  }

  private static List<String> visit(
      String pkg, Map<String, Set<String>> graph, Map<String, Integer> state, List<String> path) {
    Integer seen = state.get(pkg);
    if (seen != null && seen == 2) {
      return List.of();
    }
    if (seen != null) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(pkg), path.size()));
      cycle.add(pkg);
      return cycle.stream().map(PackageMapTest::shortName).toList();
    }
    state.put(pkg, 1);
    path.add(pkg);
    for (String next : graph.getOrDefault(pkg, Set.of())) {
      List<String> cycle = visit(next, graph, state, path);
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    state.put(pkg, 2);
    return List.of();
  }
}
