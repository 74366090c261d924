package dev.containermatrix.engine.expand;

import dev.containermatrix.engine.matrix.ValueSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies includes as GitHub Actions does: each include, in order, extends every original
 * combination whose axis values it does not contradict (values added by earlier includes may be
 * overwritten); only where it extends none is it added as a new combination of just its own keys.
 * Added combinations are never extended by later includes.
 */
final class IncludeRules {
  private IncludeRules() {}

  /**
   * @param axisNames the names of the matrix's axes (keys an include must not contradict)
   * @param originals the combinations left after excludes (and pairwise selection); not changed
   * @return the extended originals in their order, then the added combinations in include order
   */
  static List<Map<String, String>> apply(
      Set<String> axisNames, List<Map<String, String>> originals, List<ValueSelector> includes) {
    List<Map<String, String>> extended = new ArrayList<>();
    originals.forEach(o -> extended.add(new LinkedHashMap<>(o)));
    List<Map<String, String>> added = new ArrayList<>();
    for (ValueSelector include : includes) {
      boolean extendedAny = false;
      for (Map<String, String> combination : extended) {
        if (agrees(axisNames, include.values(), combination)) {
          combination.putAll(include.values());
          extendedAny = true;
        }
      }
      if (!extendedAny) {
        added.add(new LinkedHashMap<>(include.values()));
      }
    }
    extended.addAll(added);
    return extended;
  }

  private static boolean agrees(
      Set<String> axisNames, Map<String, String> include, Map<String, String> combination) {
    for (Map.Entry<String, String> e : include.entrySet()) {
      if (axisNames.contains(e.getKey()) && !e.getValue().equals(combination.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
