package dev.containermatrix.junit.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The settings.xml of the fixture builds. Its profile, active by default, lists this user's own
 * local repository as a {@code file://} repository ahead of Maven Central, for dependencies and
 * plugins alike (maven-invoker-plugin's trick): what this machine has downloaded is copied into the
 * fixtures' repository instead of being fetched again, and the user's repository is only read.
 * Neither repository serves snapshots, so the reactor's snapshots come only from the fixtures'
 * repository, where {@link ReactorInstall} put them.
 */
final class ChildSettings {
  private ChildSettings() {}

  /**
   * Writes the settings to {@code file}, with {@code userRepository} (such as ~/.m2/repository)
   * first.
   */
  static Path write(Path file, Path userRepository) throws IOException {
    String local = userRepository.toAbsolutePath().toUri().toString();
    String repositories =
        repository("repository", "user-local-repository", local, "ignore")
            + repository("repository", "central", "https://repo.maven.apache.org/maven2", "warn");
    String pluginRepositories =
        repository("pluginRepository", "user-local-repository", local, "ignore")
            + repository(
                "pluginRepository", "central", "https://repo.maven.apache.org/maven2", "warn");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- written by %s for the compatibility fixtures' builds -->
        <settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
          <profiles>
            <profile>
              <id>fixtures</id>
              <activation>
                <activeByDefault>true</activeByDefault>
              </activation>
              <repositories>
        %s      </repositories>
              <pluginRepositories>
        %s      </pluginRepositories>
            </profile>
          </profiles>
        </settings>
        """
            .formatted(ChildSettings.class.getName(), repositories, pluginRepositories));
    return file;
  }

  /**
   * A local repository has no checksum files beside what it downloaded, so its checksums are not
   * asked for.
   */
  private static String repository(String element, String id, String url, String checksumPolicy) {
    return """
            <%1$s>
              <id>%2$s</id>
              <url>%3$s</url>
              <releases>
                <enabled>true</enabled>
                <checksumPolicy>%4$s</checksumPolicy>
              </releases>
              <snapshots>
                <enabled>false</enabled>
              </snapshots>
            </%1$s>
    """
        .formatted(element, id, url, checksumPolicy);
  }
}
