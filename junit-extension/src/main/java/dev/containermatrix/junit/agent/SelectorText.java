package dev.containermatrix.junit.agent;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.discovery.NestedClassSelector;
import org.junit.platform.engine.discovery.NestedMethodSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;

/**
 * The selectors the host hands a variant's agent, as text on its command line: {@code
 * class:com.example.FooTest}, {@code method:com.example.FooTest#bar(java.lang.String)}, {@code
 * nested-class:com.example.FooTest/com.example.FooTest$Inner}, {@code
 * nested-method:com.example.FooTest/com.example.FooTest$Inner#bar()} and {@code
 * uid:[engine:junit-jupiter]/[class:…]/[method:…]}.
 *
 * <p>The syntax is JUnit's own selector identifiers, written and read here with APIs that JUnit
 * Platform 1.10 already has ({@code DiscoverySelector.toIdentifier()} and {@code
 * DiscoverySelectors.parse} came in 1.11), because the agent runs on whatever JUnit the user's
 * project has.
 */
@API(status = INTERNAL, since = "0.1")
public final class SelectorText {
  private SelectorText() {}

  /**
   * The text of a class, method, nested-class, nested-method or unique-id selector; empty for other
   * kinds.
   */
  public static Optional<String> of(DiscoverySelector selector) {
    if (selector instanceof ClassSelector s) {
      return Optional.of("class:" + s.getClassName());
    }
    if (selector instanceof MethodSelector s) {
      return Optional.of(
          "method:"
              + s.getClassName()
              + "#"
              + s.getMethodName()
              + "("
              + s.getParameterTypeNames()
              + ")");
    }
    if (selector instanceof NestedClassSelector s) {
      return Optional.of(
          "nested-class:"
              + String.join("/", s.getEnclosingClassNames())
              + "/"
              + s.getNestedClassName());
    }
    if (selector instanceof NestedMethodSelector s) {
      return Optional.of(
          "nested-method:"
              + String.join("/", s.getEnclosingClassNames())
              + "/"
              + s.getNestedClassName()
              + "#"
              + s.getMethodName()
              + "("
              + s.getParameterTypeNames()
              + ")");
    }
    if (selector instanceof UniqueIdSelector s) {
      return Optional.of("uid:" + s.getUniqueId());
    }
    return Optional.empty();
  }

  /** The selector {@code text} names, or empty if it is not one of the forms above. */
  public static Optional<DiscoverySelector> parse(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      return Optional.empty();
    }
    String value = text.substring(colon + 1);
    try {
      return switch (text.substring(0, colon)) {
        case "class" -> Optional.of(DiscoverySelectors.selectClass(value));
        case "method" -> method(value).map(m -> DiscoverySelectors.selectMethod(m[0], m[1], m[2]));
        case "nested-class" ->
            nested(value).map(n -> DiscoverySelectors.selectNestedClass(n.enclosing(), n.last()));
        case "nested-method" -> nestedMethod(value);
        case "uid" -> Optional.of(DiscoverySelectors.selectUniqueId(value));
        default -> Optional.empty();
      };
    } catch (RuntimeException e) {
      // JUnit's PreconditionViolationException for blank parts, or a malformed unique id
      return Optional.empty();
    }
  }

  private static Optional<DiscoverySelector> nestedMethod(String value) {
    int hash = value.indexOf('#');
    if (hash <= 0) {
      return Optional.empty();
    }
    Optional<Path> classes = nested(value.substring(0, hash));
    Optional<String[]> method = method("x" + value.substring(hash));
    if (classes.isEmpty() || method.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        DiscoverySelectors.selectNestedMethod(
            classes.get().enclosing(), classes.get().last(), method.get()[1], method.get()[2]));
  }

  /** {@code [class, method, parameter types]} of {@code com.Foo#bar(int, java.lang.String)}. */
  private static Optional<String[]> method(String value) {
    int hash = value.indexOf('#');
    int open = value.indexOf('(', hash + 1);
    if (hash <= 0 || open <= hash + 1 || !value.endsWith(")")) {
      return Optional.empty();
    }
    return Optional.of(
        new String[] {
          value.substring(0, hash),
          value.substring(hash + 1, open),
          value.substring(open + 1, value.length() - 1)
        });
  }

  private static Optional<Path> nested(String value) {
    List<String> names = Arrays.asList(value.split("/", -1));
    if (names.size() < 2 || names.stream().anyMatch(String::isBlank)) {
      return Optional.empty();
    }
    return Optional.of(new Path(names.subList(0, names.size() - 1), names.get(names.size() - 1)));
  }

  private record Path(List<String> enclosing, String last) {}
}
