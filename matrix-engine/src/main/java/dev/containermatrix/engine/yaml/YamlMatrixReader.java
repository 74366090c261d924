package dev.containermatrix.engine.yaml;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.engine.expand.MatrixValidator;
import dev.containermatrix.engine.matrix.Axis;
import dev.containermatrix.engine.matrix.ImageReference;
import dev.containermatrix.engine.matrix.MatrixDefinition;
import dev.containermatrix.engine.matrix.MatrixDefinitionException;
import dev.containermatrix.engine.matrix.Sizes;
import dev.containermatrix.engine.matrix.Strategy;
import dev.containermatrix.engine.matrix.ValueSelector;
import dev.containermatrix.engine.yaml.YamlNode.Mapping;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * Reads a matrix file (see the design's YAML format) into a {@link MatrixDefinition}:
 *
 * <pre>{@code
 * base: host
 * axes:
 *   - library: com.fasterxml.jackson.core:jackson-databind
 *     name: jackson
 *     versions: ["2.21.3", "2.22.0"]
 *   - jdk: [17, 25]
 * exclude: [{jackson: "2.21.3", jdk: 25}]
 * strategy: {combinations: pairwise, fail-fast: false, max-parallel: 0, timeout: 10m,
 *            allow-failures: [{jdk: 25}]}
 * }</pre>
 *
 * <p>Values are taken as written, so {@code 2.20} is the version "2.20", not the number 2.2. Every
 * error is a {@link MatrixDefinitionException} whose message starts with {@code <file>, line <n>,
 * key '<key>': } and says what to do.
 */
@API(status = INTERNAL, since = "0.1")
public final class YamlMatrixReader {
  private static final List<String> TOP_KEYS =
      List.of("base", "axes", "exclude", "include", "strategy");
  private static final List<String> STRATEGY_KEYS =
      List.of("combinations", "fail-fast", "max-parallel", "timeout", "allow-failures");

  /**
   * Reads and checks one matrix file; does not close {@code in}.
   *
   * @param fileName how errors name the file, e.g. {@code matrix/json.yaml}
   * @throws MatrixDefinitionException on malformed YAML, unknown keys, wrong types, bad values,
   *     duplicate axes, or excludes and includes that name nothing
   */
  public MatrixDefinition read(String fileName, InputStream in) {
    Mapping top =
        YamlTreeReader.read(fileName, in)
            .asMapping("write the matrix as a map with the keys " + String.join(", ", TOP_KEYS))
            .allowOnly(TOP_KEYS);
    String base =
        top.get("base")
            .map(
                n ->
                    ImageReference.check(
                        n.asText("write one image reference like base: host"), n.origin()))
            .orElse(ImageReference.HOST);
    List<Axis> axes = new ArrayList<>();
    top.get("axes")
        .ifPresent(
            n ->
                n.asSequence("list the axes like axes: [{jdk: [\"17\", \"25\"]}]")
                    .items()
                    .forEach(item -> axes.add(YamlAxisReader.read(item))));
    MatrixDefinition matrix =
        new MatrixDefinition(
            fileName,
            base,
            axes,
            selectors(top, "exclude"),
            selectors(top, "include"),
            strategy(top));
    MatrixValidator.validate(matrix);
    return matrix;
  }

  private static List<ValueSelector> selectors(Mapping top, String key) {
    return selectors(top, key, "");
  }

  /**
   * The entries under {@code key}, each a map of single values; {@code where} names the map for the
   * error messages, e.g. {@code strategy: } .
   */
  private static List<ValueSelector> selectors(Mapping top, String key, String where) {
    List<ValueSelector> selectors = new ArrayList<>();
    top.get(key)
        .ifPresent(
            n ->
                n.asSequence("list the entries like " + where + key + ": [{jdk: \"25\"}]")
                    .items()
                    .forEach(
                        item ->
                            selectors.add(
                                new ValueSelector(
                                    item.asMapping("write each entry as a map like {jdk: \"25\"}")
                                        .texts("write a single value like jdk: \"25\""),
                                    item.origin()))));
    return selectors;
  }

  private static Strategy strategy(Mapping top) {
    Strategy defaults = Strategy.defaults();
    if (top.get("strategy").isEmpty()) {
      return defaults;
    }
    Mapping map =
        top.get("strategy")
            .orElseThrow()
            .asMapping("write it as a map like strategy: {combinations: pairwise}")
            .allowOnly(STRATEGY_KEYS);
    Strategy.Combinations combinations =
        map.get("combinations").map(YamlMatrixReader::combinations).orElse(defaults.combinations());
    boolean failFast = map.get("fail-fast").map(YamlMatrixReader::bool).orElse(defaults.failFast());
    int maxParallel =
        map.get("max-parallel").map(YamlMatrixReader::maxParallel).orElse(defaults.maxParallel());
    Duration timeout =
        map.get("timeout")
            .map(
                n ->
                    Sizes.parseDuration(n.asText("write a duration like timeout: 10m"), n.origin()))
            .orElse(defaults.timeout());
    return new Strategy(
        combinations,
        failFast,
        maxParallel,
        timeout,
        selectors(map, "allow-failures", "strategy: "));
  }

  private static Strategy.Combinations combinations(YamlNode node) {
    String text = node.asText("write combinations: all or combinations: pairwise");
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "all" -> Strategy.Combinations.ALL;
      case "pairwise" -> Strategy.Combinations.PAIRWISE;
      default ->
          throw new MatrixDefinitionException(
              node.origin(), "'" + text + "' is not a way to combine axes; write all or pairwise");
    };
  }

  private static boolean bool(YamlNode node) {
    String text = node.asText("write true or false");
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new MatrixDefinitionException(
              node.origin(), "'" + text + "' is not a boolean; write true or false");
    };
  }

  private static int maxParallel(YamlNode node) {
    String text = node.asText("write a whole number like max-parallel: 4");
    if (text.matches("\\d{1,9}")) {
      return Integer.parseInt(text);
    }
    throw new MatrixDefinitionException(
        node.origin(),
        "'"
            + text
            + "' is not a whole number; write 0 to let the scheduler decide, or a count like 4");
  }
}
