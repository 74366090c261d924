package dev.containermatrix.engine.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.containermatrix.engine.matrix.MatrixDefinitionException;
import dev.containermatrix.engine.matrix.Origin;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns one YAML document into a tree of {@link YamlNode}s with line numbers, using Jackson's
 * streaming YAML parser. Scalars keep the text as written. Duplicate keys, anchors, aliases and
 * merge keys are rejected, and so is a file larger, deeper or with more nodes than a matrix could
 * need.
 *
 * <p>The limits are checked here, not through SnakeYAML's {@code LoaderOptions}: its code point
 * limit does not count comments, and its nesting depth limit belongs to its composer, which Jackson
 * does not use (see docs/architecture.md, "Fuzz tests").
 */
final class YamlTreeReader {
  /**
   * Most bytes a matrix file may have; SnakeYAML takes about 0.7 s for a one-line file of this
   * size.
   */
  static final int MAX_BYTES = 256 * 1024;

  /** Deepest nesting of maps and lists; the design's example nests 5 deep. */
  static final int MAX_DEPTH = 20;

  /** Most values, maps and lists in one file. */
  static final int MAX_NODES = 10_000;

  private static final YAMLFactory FACTORY = new YAMLFactory();

  private final String file;
  private int nodes;

  private YamlTreeReader(String file) {
    this.file = file;
  }

  /**
   * @throws MatrixDefinitionException naming the file and line on a syntax error, an empty file,
   *     more than one document, a duplicate key, an anchor, alias or merge key, a file over the
   *     limits above, or when the stream cannot be read
   */
  static YamlNode read(String file, InputStream in) {
    return new YamlTreeReader(file).read(in);
  }

  private YamlNode read(InputStream in) {
    byte[] yaml;
    try {
      yaml = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new MatrixDefinitionException(
          new Origin(file),
          "cannot be read (" + e.getMessage() + "); check that the file exists and is readable",
          e);
    }
    if (yaml.length > MAX_BYTES) {
      throw new MatrixDefinitionException(
          new Origin(file),
          "the file has more than "
              + MAX_BYTES
              + " bytes, far more than a matrix needs; check that this is the matrix file");
    }
    try (YAMLParser parser = FACTORY.createParser(yaml)) {
      if (parser.nextToken() == null) {
        throw new MatrixDefinitionException(
            at(1, null), "the file is empty; write a matrix with at least 'axes' or 'include'");
      }
      YamlNode root = node(parser, null, line(parser), 1);
      if (parser.nextToken() != null) {
        throw new MatrixDefinitionException(
            at(line(parser), null), "a second YAML document starts here; keep one matrix per file");
      }
      return root;
    } catch (StreamReadException e) {
      throw syntaxError(e);
    } catch (IOException e) {
      // the bytes are in memory, so this is one of Jackson's limits, which MAX_BYTES and MAX_DEPTH
      // keep out of reach
      throw new MatrixDefinitionException(
          new Origin(file), "cannot be parsed (" + e.getMessage() + "); shorten the file", e);
    }
  }

  private YamlNode node(YAMLParser parser, @Nullable String key, int line, int depth)
      throws IOException {
    Origin origin = at(line, key);
    refuseReferences(parser, origin);
    if (++nodes > MAX_NODES) {
      throw new MatrixDefinitionException(
          origin,
          "the file has more than "
              + MAX_NODES
              + " values, maps and lists, far more than a matrix needs; check that this is the"
              + " matrix file");
    }
    JsonToken token = parser.currentToken();
    if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth > MAX_DEPTH) {
      throw new MatrixDefinitionException(
          origin,
          "maps and lists nest more than "
              + MAX_DEPTH
              + " deep here, far deeper than a matrix needs; check the indentation");
    }
    if (token == JsonToken.START_OBJECT) {
      Map<String, YamlNode> entries = new LinkedHashMap<>();
      Map<String, Integer> lines = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        int keyLine = line(parser);
        refuseReferences(parser, at(keyLine, name));
        if (name.equals("<<")) {
          throw new MatrixDefinitionException(
              at(keyLine, name),
              "YAML merge keys (<<) are not supported in matrix files: write the entries out");
        }
        if (lines.containsKey(name)) {
          throw new MatrixDefinitionException(
              at(keyLine, name),
              "the key appears twice in this map (first on line "
                  + lines.get(name)
                  + "); keep one");
        }
        lines.put(name, keyLine);
        parser.nextToken();
        entries.put(name, node(parser, name, keyLine, depth + 1));
      }
      return new YamlNode.Mapping(entries, origin);
    }
    if (token == JsonToken.START_ARRAY) {
      List<YamlNode> items = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        items.add(node(parser, key, line(parser), depth + 1));
      }
      return new YamlNode.Sequence(items, origin);
    }
    return new YamlNode.Scalar(token == JsonToken.VALUE_NULL ? null : parser.getText(), origin);
  }

  /**
   * Refuses an alias, and an anchor on a map, a list or a key. Jackson does not report an anchor on
   * a single value; such an anchor changes nothing, since every alias that could use it is refused.
   */
  private static void refuseReferences(YAMLParser parser, Origin origin) throws IOException {
    if (parser.isCurrentAlias()) {
      throw new MatrixDefinitionException(
          origin,
          "YAML aliases (*"
              + parser.getText()
              + ") are not supported in matrix files: write the value out");
    }
    if (parser.getCurrentAnchor() != null) {
      throw new MatrixDefinitionException(
          origin,
          "YAML anchors (&"
              + parser.getCurrentAnchor()
              + ") are not supported in matrix files: write the value out where it is used");
    }
  }

  private static int line(JsonParser parser) {
    return parser.currentTokenLocation().getLineNr();
  }

  private static int line(StreamReadException e) {
    return e.getLocation() == null || e.getLocation().getLineNr() < 1
        ? 1
        : e.getLocation().getLineNr();
  }

  private Origin at(int line, @Nullable String key) {
    return key == null ? new Origin(file + ", line " + line) : Origin.yaml(file, line, key);
  }

  private MatrixDefinitionException syntaxError(StreamReadException e) {
    int line = line(e);
    String problem = e.getOriginalMessage();
    if (e.getCause() instanceof MarkedYAMLException marked) {
      if (marked.getProblemMark() != null) {
        line = marked.getProblemMark().getLine() + 1;
      }
      problem =
          marked.getContext() == null
              ? marked.getProblem()
              : marked.getContext() + ", " + marked.getProblem();
    }
    return new MatrixDefinitionException(
        at(line, null), "the YAML is malformed (" + problem + "); fix the syntax at this line", e);
  }
}
