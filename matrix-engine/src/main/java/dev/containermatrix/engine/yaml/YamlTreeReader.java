package dev.containermatrix.engine.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
 * streaming YAML parser. Scalars keep the text as written. Duplicate keys are rejected.
 */
final class YamlTreeReader {
  // the caller owns the stream; YAMLFactory.builder() would also change how empty values read
  private static final YAMLFactory FACTORY = (YAMLFactory) new YAMLFactory().disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

  private final String file;

  private YamlTreeReader(String file) {
    this.file = file;
  }

  /**
   * @throws MatrixDefinitionException naming the file and line on a syntax error, an empty file,
   *     more than one document, a duplicate key, or when the stream cannot be read
   */
  static YamlNode read(String file, InputStream in) {
    return new YamlTreeReader(file).read(in);
  }

  private YamlNode read(InputStream in) {
    try (JsonParser parser = FACTORY.createParser(in)) {
      if (parser.nextToken() == null) {
        throw new MatrixDefinitionException(
            at(1, null), "the file is empty; write a matrix with at least 'axes' or 'include'");
      }
      YamlNode root = node(parser, null, line(parser));
      if (parser.nextToken() != null) {
        throw new MatrixDefinitionException(
            at(line(parser), null), "a second YAML document starts here; keep one matrix per file");
      }
      return root;
    } catch (StreamReadException e) {
      throw syntaxError(e);
    } catch (IOException e) {
      throw new MatrixDefinitionException(
          new Origin(file), "cannot be read (" + e.getMessage() + "); check that the file exists and is readable", e);
    }
  }

  private YamlNode node(JsonParser parser, @Nullable String key, int line) throws IOException {
    Origin origin = at(line, key);
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      Map<String, YamlNode> entries = new LinkedHashMap<>();
      Map<String, Integer> lines = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        int keyLine = line(parser);
        if (lines.containsKey(name)) {
          throw new MatrixDefinitionException(
              at(keyLine, name), "the key appears twice in this map (first on line " + lines.get(name) + "); keep one");
        }
        lines.put(name, keyLine);
        parser.nextToken();
        entries.put(name, node(parser, name, keyLine));
      }
      return new YamlNode.Mapping(entries, origin);
    }
    if (token == JsonToken.START_ARRAY) {
      List<YamlNode> items = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        items.add(node(parser, key, line(parser)));
      }
      return new YamlNode.Sequence(items, origin);
    }
    return new YamlNode.Scalar(token == JsonToken.VALUE_NULL ? null : parser.getText(), origin);
  }

  private static int line(JsonParser parser) {
    return parser.currentTokenLocation().getLineNr();
  }

  private Origin at(int line, @Nullable String key) {
    return key == null ? new Origin(file + ", line " + line) : Origin.yaml(file, line, key);
  }

  private MatrixDefinitionException syntaxError(StreamReadException e) {
    int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
    String problem = e.getOriginalMessage();
    if (e.getCause() instanceof MarkedYAMLException marked) {
      if (marked.getProblemMark() != null) {
        line = marked.getProblemMark().getLine() + 1;
      }
      problem = marked.getContext() == null ? marked.getProblem() : marked.getContext() + ", " + marked.getProblem();
    }
    return new MatrixDefinitionException(
        at(line, null), "the YAML is malformed (" + problem + "); fix the syntax at this line", e);
  }
}
