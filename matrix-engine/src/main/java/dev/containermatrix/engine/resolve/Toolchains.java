package dev.containermatrix.engine.resolve;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The {@code jdkHome} of every {@code jdk} toolchain in a Maven {@code toolchains.xml}, read with
 * the JDK's XML parser. {@code ${env.X}} and {@code ${user.home}} in a home are replaced. The
 * declared {@code <provides><version>} is not used: a JDK's version is read from its own {@code
 * release} file, so {@code 17}, {@code [17,18)}, {@code 1.8} or {@code 17.0.2} there all work.
 */
final class Toolchains {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(env\\.)?([^}]+)}");

  private Toolchains() {}

  /**
   * @throws IOException when the file cannot be read or is not well-formed XML
   */
  static List<Path> jdkHomes(Path file, Map<String, String> env, Path userHome) throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setNamespaceAware(false);
      NodeList toolchains =
          factory.newDocumentBuilder().parse(file.toFile()).getElementsByTagName("toolchain");
      List<Path> homes = new ArrayList<>();
      for (int i = 0; i < toolchains.getLength(); i++) {
        Element toolchain = (Element) toolchains.item(i);
        if ("jdk".equals(text(toolchain, "type"))) {
          String home = text(toolchain, "jdkHome");
          if (!home.isEmpty()) {
            homes.add(Path.of(interpolate(home, env, userHome)));
          }
        }
      }
      return homes;
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException(MavenSettings.firstLine(e.getMessage()), e);
    }
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
  }

  private static String interpolate(String value, Map<String, String> env, Path userHome) {
    Matcher m = PLACEHOLDER.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement =
          m.group(1) != null
              ? env.getOrDefault(m.group(2), m.group())
              : "user.home".equals(m.group(2)) ? userHome.toString() : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
