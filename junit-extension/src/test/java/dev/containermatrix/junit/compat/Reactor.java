package dev.containermatrix.junit.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * This build's reactor as its root pom.xml names it: the coordinates a user's project asks for when
 * it depends on {@code junit-extension}.
 *
 * @param root the directory of the root pom.xml
 * @param groupId the reactor's groupId
 * @param parentArtifactId the root pom's artifactId, the parent of every module
 * @param version the reactor's version
 */
record Reactor(Path root, String groupId, String parentArtifactId, String version) {
  /**
   * The modules a user's build resolves through {@code junit-extension}, in reactor order; each
   * artifactId is its folder's name (design §2).
   */
  static final List<String> PUBLISHED_MODULES =
      List.of("container-backend", "matrix-engine", "junit-extension");

  /**
   * The reactor whose module {@code moduleDirectory} is, read from its parent directory's pom.xml.
   */
  static Reactor ofModule(Path moduleDirectory) {
    Path root = moduleDirectory.toAbsolutePath().normalize().getParent();
    Path pom = root.resolve("pom.xml");
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Element project = factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
      return new Reactor(
          root,
          child(project, "groupId", pom),
          child(project, "artifactId", pom),
          child(project, "version", pom));
    } catch (IOException | ParserConfigurationException | SAXException e) {
      throw new IllegalStateException(
          "cannot read the reactor's root pom " + pom + ": " + e.getMessage(), e);
    }
  }

  /** The module's built main jar, {@code <module>/target/<module>-<version>.jar}. */
  Path jarOf(String module) {
    return root.resolve(module).resolve("target").resolve(module + "-" + version + ".jar");
  }

  /**
   * The pom {@code mvn install} installs for the module: the shade plugin's dependency-reduced pom
   * where the build made one, else the module's pom.xml.
   */
  Path installedPomOf(String module) {
    Path moduleDirectory = root.resolve(module);
    for (Path reduced :
        List.of(
            moduleDirectory.resolve("target/dependency-reduced-pom.xml"),
            moduleDirectory.resolve("dependency-reduced-pom.xml"))) {
      if (Files.isRegularFile(reduced)) {
        return reduced;
      }
    }
    return moduleDirectory.resolve("pom.xml");
  }

  private static String child(Element parent, String name, Path pom) {
    for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        return element.getTextContent().trim();
      }
    }
    throw new IllegalStateException(pom + " has no <" + name + "> in <project>");
  }
}
