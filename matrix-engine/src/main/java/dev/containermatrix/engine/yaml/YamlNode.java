package dev.containermatrix.engine.yaml;

import dev.containermatrix.engine.matrix.MatrixDefinitionException;
import dev.containermatrix.engine.matrix.Origin;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A node of a YAML document that remembers where it was written: for a map entry's value the line
 * of its key and that key, for a list item its own line and the key of the list.
 */
sealed interface YamlNode {

  Origin origin();

  /** What the node is, for messages: "a map", "a list", "the value 'x'" or "nothing". */
  String describe();

  /** This node as a map, or an error saying what was expected and {@code todo}. */
  default Mapping asMapping(String todo) {
    if (this instanceof Mapping m) {
      return m;
    }
    throw wrongType("a map", todo);
  }

  /** This node as a list, or an error saying what was expected and {@code todo}. */
  default Sequence asSequence(String todo) {
    if (this instanceof Sequence s) {
      return s;
    }
    throw wrongType("a list", todo);
  }

  /** This node's text exactly as written (so {@code 2.20} stays {@code "2.20"}), or an error. */
  default String asText(String todo) {
    if (this instanceof Scalar s && s.text() != null) {
      return s.text();
    }
    throw wrongType("a single value", todo);
  }

  private MatrixDefinitionException wrongType(String expected, String todo) {
    return new MatrixDefinitionException(
        origin(), "expected " + expected + " but found " + describe() + "; " + todo);
  }

  /** A scalar; {@code text} is null for YAML's null ({@code ~}, {@code null} or nothing). */
  record Scalar(@Nullable String text, Origin origin) implements YamlNode {
    @Override
    public String describe() {
      return text == null ? "nothing" : "the value '" + text + "'";
    }
  }

  record Sequence(List<YamlNode> items, Origin origin) implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }

    /** The items, or an error at this list when there are none. */
    List<YamlNode> nonEmpty(String todo) {
      if (items.isEmpty()) {
        throw new MatrixDefinitionException(origin, "the list is empty; " + todo);
      }
      return items;
    }
  }

  /** A map in the order written; keys are unique. */
  record Mapping(Map<String, YamlNode> entries, Origin origin) implements YamlNode {
    public Mapping {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    @Override
    public String describe() {
      return "a map";
    }

    Optional<YamlNode> get(String key) {
      return Optional.ofNullable(entries.get(key));
    }

    /** The value of {@code key}, or an error at this map saying it is missing and {@code todo}. */
    YamlNode require(String key, String todo) {
      YamlNode node = entries.get(key);
      if (node == null) {
        throw new MatrixDefinitionException(origin, "'" + key + "' is missing; " + todo);
      }
      return node;
    }

    /** Throws at the first key that is not one of {@code allowed}, listing them. */
    Mapping allowOnly(List<String> allowed) {
      entries.forEach(
          (key, node) -> {
            if (!allowed.contains(key)) {
              throw new MatrixDefinitionException(
                  node.origin(),
                  "unknown key; the keys allowed here are " + String.join(", ", allowed));
            }
          });
      return this;
    }

    /** Every value as text; for env, system properties, files, include and exclude entries. */
    Map<String, String> texts(String todo) {
      Map<String, String> texts = new LinkedHashMap<>();
      entries.forEach((key, node) -> texts.put(key, node.asText(todo)));
      return texts;
    }
  }
}
