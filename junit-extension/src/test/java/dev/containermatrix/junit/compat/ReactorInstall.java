package dev.containermatrix.junit.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts into a local repository what {@code mvn install} of the reactor would: the parent pom, and
 * each published module's pom and main jar, with the {@code maven-metadata-local.xml} files Maven
 * writes for installed artifacts. Files without {@code _remote.repositories} count as installed
 * locally, so Maven resolves them from that repository without asking any remote.
 */
final class ReactorInstall {
  private ReactorInstall() {}

  /**
   * Installs the reactor's artifacts into {@code repository}, replacing what an earlier run put
   * there.
   *
   * @throws IllegalStateException if a module's jar has not been built, naming it and the fix
   */
  static void into(Reactor reactor, Path repository) throws IOException {
    String now =
        ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
    install(
        reactor,
        repository,
        reactor.parentArtifactId(),
        Map.of("pom", reactor.root().resolve("pom.xml")),
        now);
    for (String module : Reactor.PUBLISHED_MODULES) {
      Path jar = reactor.jarOf(module);
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(
            jar
                + " is missing: run the integration tests after `package`"
                + " (mvn verify, or mvn package -DskipTests before failsafe:integration-test)");
      }
      Map<String, Path> files = new LinkedHashMap<>();
      files.put("pom", reactor.installedPomOf(module));
      files.put("jar", jar);
      install(reactor, repository, module, files, now);
    }
  }

  private static void install(
      Reactor reactor, Path repository, String artifactId, Map<String, Path> files, String now)
      throws IOException {
    Path artifactDirectory =
        repository.resolve(reactor.groupId().replace('.', '/')).resolve(artifactId);
    Path versionDirectory = artifactDirectory.resolve(reactor.version());
    Files.createDirectories(versionDirectory);
    for (Map.Entry<String, Path> file : files.entrySet()) {
      Files.copy(
          file.getValue(),
          versionDirectory.resolve(artifactId + "-" + reactor.version() + "." + file.getKey()),
          StandardCopyOption.REPLACE_EXISTING);
    }
    Files.writeString(
        artifactDirectory.resolve("maven-metadata-local.xml"),
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <metadata>
          <groupId>%s</groupId>
          <artifactId>%s</artifactId>
          <versioning>
            <versions>
              <version>%s</version>
            </versions>
            <lastUpdated>%s</lastUpdated>
          </versioning>
        </metadata>
        """
            .formatted(reactor.groupId(), artifactId, reactor.version(), now));
    if (reactor.version().endsWith("-SNAPSHOT")) {
      Files.writeString(
          versionDirectory.resolve("maven-metadata-local.xml"),
          """
          <?xml version="1.0" encoding="UTF-8"?>
          <metadata modelVersion="1.1.0">
            <groupId>%s</groupId>
            <artifactId>%s</artifactId>
            <version>%s</version>
            <versioning>
              <snapshot>
                <localCopy>true</localCopy>
              </snapshot>
              <lastUpdated>%s</lastUpdated>
            </versioning>
          </metadata>
          """
              .formatted(reactor.groupId(), artifactId, reactor.version(), now));
    }
  }
}
