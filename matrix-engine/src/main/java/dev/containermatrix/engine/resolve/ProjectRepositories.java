package dev.containermatrix.engine.resolve;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.model.Model;
import org.apache.maven.model.Repository;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.jspecify.annotations.Nullable;

/**
 * The {@code <repositories>} written directly in a project's {@code pom.xml}: not those of its
 * parents, not those of its profiles, and without interpolation of {@code ${...}} in URLs.
 */
final class ProjectRepositories {
  private ProjectRepositories() {}

  /**
   * Reads {@code baseDir/pom.xml}; empty when there is none.
   *
   * @throws LibraryResolutionException naming the pom when it is malformed
   */
  static List<RemoteRepository> of(Path baseDir) {
    Path pom = baseDir.resolve("pom.xml");
    if (!Files.isRegularFile(pom)) {
      return List.of();
    }
    Model model;
    try (Reader reader = Files.newBufferedReader(pom)) {
      model = new MavenXpp3Reader().read(reader, false);
    } catch (IOException | XmlPullParserException e) {
      throw new LibraryResolutionException(
          "Cannot read the <repositories> of "
              + pom
              + ": "
              + MavenSettings.firstLine(e.getMessage())
              + ". Fix the pom or run from a directory without one.",
          e);
    }
    List<RemoteRepository> out = new ArrayList<>();
    for (Repository r : model.getRepositories()) {
      out.add(
          MavenSettings.remote(
              r.getId(),
              r.getUrl(),
              r.getLayout(),
              policy(r.getReleases()),
              policy(r.getSnapshots())));
    }
    return out;
  }

  private static RepositoryPolicy policy(org.apache.maven.model.@Nullable RepositoryPolicy p) {
    return p == null
        ? new RepositoryPolicy()
        : new RepositoryPolicy(p.isEnabled(), p.getUpdatePolicy(), p.getChecksumPolicy());
  }
}
