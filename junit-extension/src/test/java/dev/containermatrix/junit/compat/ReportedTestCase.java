package dev.containermatrix.junit.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * One {@code <testcase>} of a Surefire or Failsafe XML report.
 *
 * @param className its {@code classname}
 * @param name its {@code name}, such as {@code method(Variant)[side=left]} for a variant's test
 * @param outcome whether it passed, or how not
 * @param message the failure's, error's or skip's message; empty when it passed
 */
record ReportedTestCase(String className, String name, Outcome outcome, String message) {
  enum Outcome {
    PASSED,
    FAILED,
    ERROR,
    SKIPPED
  }

  /**
   * The testcases of every {@code TEST-*.xml} in {@code reports}; none when the directory is
   * missing.
   */
  static List<ReportedTestCase> readAll(Path reports) {
    if (!Files.isDirectory(reports)) {
      return List.of();
    }
    List<ReportedTestCase> testCases = new ArrayList<>();
    try (Stream<Path> files = Files.list(reports)) {
      for (Path xml :
          files
              .filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml"))
              .sorted()
              .toList()) {
        testCases.addAll(read(xml));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the test reports in " + reports, e);
    }
    return testCases;
  }

  private static List<ReportedTestCase> read(Path xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      NodeList elements =
          factory.newDocumentBuilder().parse(xml.toFile()).getElementsByTagName("testcase");
      List<ReportedTestCase> testCases = new ArrayList<>();
      for (int i = 0; i < elements.getLength(); i++) {
        testCases.add(of((Element) elements.item(i)));
      }
      return testCases;
    } catch (IOException | ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("cannot read test report " + xml + ": " + e.getMessage(), e);
    }
  }

  private static ReportedTestCase of(Element testCase) {
    String className = testCase.getAttribute("classname");
    String name = testCase.getAttribute("name");
    for (Outcome outcome : List.of(Outcome.FAILED, Outcome.ERROR, Outcome.SKIPPED)) {
      NodeList details = testCase.getElementsByTagName(tagOf(outcome));
      if (details.getLength() > 0) {
        Element detail = (Element) details.item(0);
        String message =
            detail.hasAttribute("message")
                ? detail.getAttribute("message")
                : detail.getTextContent().strip();
        return new ReportedTestCase(className, name, outcome, message);
      }
    }
    return new ReportedTestCase(className, name, Outcome.PASSED, "");
  }

  private static String tagOf(Outcome outcome) {
    return switch (outcome) {
      case FAILED -> "failure";
      case ERROR -> "error";
      case SKIPPED -> "skipped";
      case PASSED ->
          throw new IllegalArgumentException("a passed testcase has no element of its own");
    };
  }

  /**
   * Whether this is test {@code method} of class {@code className} in the variant named {@code
   * variant}.
   */
  boolean isInVariant(String className, String method, String variant) {
    return this.className.equals(className)
        && name.startsWith(method + "(")
        && name.endsWith("[" + variant + "]");
  }

  @Override
  public String toString() {
    return className + "." + name + " " + outcome + (message.isEmpty() ? "" : ": " + message);
  }
}
