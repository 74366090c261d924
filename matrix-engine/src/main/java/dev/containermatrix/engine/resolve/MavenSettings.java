package dev.containermatrix.engine.resolve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Profile;
import org.apache.maven.settings.Repository;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsBuilderFactory;
import org.apache.maven.settings.building.DefaultSettingsBuildingRequest;
import org.apache.maven.settings.building.SettingsBuildingException;
import org.eclipse.aether.repository.Authentication;
import org.eclipse.aether.repository.AuthenticationSelector;
import org.eclipse.aether.repository.MirrorSelector;
import org.eclipse.aether.repository.Proxy;
import org.eclipse.aether.repository.ProxySelector;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;
import org.jspecify.annotations.Nullable;

/**
 * The parts of Maven's settings that resolution needs, read with Maven's own settings builder
 * ({@code maven-settings-builder}), which merges the global settings ({@code
 * ${maven.home}/conf/settings.xml}) under the user's ({@code ~/.m2/settings.xml}) and interpolates
 * {@code ${user.home}} and {@code ${env.X}}.
 *
 * <p>Limits: a settings profile is active when it is listed in {@code <activeProfiles>} or is
 * {@code activeByDefault}; other activation conditions are not evaluated. Encrypted passwords
 * ({@code {...}}, settings-security.xml) are passed on as written, not decrypted.
 */
final class MavenSettings {
  private final Settings settings;
  private final List<Path> files;

  private MavenSettings(Settings settings, List<Path> files) {
    this.settings = settings;
    this.files = List.copyOf(files);
  }

  /**
   * Reads {@code userHome/.m2/settings.xml} and {@code mavenHome/conf/settings.xml} where present.
   *
   * @throws LibraryResolutionException naming the files when they are malformed
   */
  static MavenSettings load(
      Path userHome,
      @Nullable Path mavenHome,
      Map<String, String> systemProperties,
      Map<String, String> env) {
    Path user = userHome.resolve(".m2").resolve("settings.xml");
    Path global = mavenHome == null ? null : mavenHome.resolve("conf").resolve("settings.xml");
    List<Path> present = new ArrayList<>();
    DefaultSettingsBuildingRequest request = new DefaultSettingsBuildingRequest();
    if (global != null && Files.isRegularFile(global)) {
      request.setGlobalSettingsFile(global.toFile());
      present.add(global);
    }
    if (Files.isRegularFile(user)) {
      request.setUserSettingsFile(user.toFile());
      present.add(user);
    }
    Properties props = new Properties();
    env.forEach((k, v) -> props.setProperty("env." + k, v));
    props.putAll(systemProperties);
    props.setProperty("user.home", userHome.toString());
    request.setSystemProperties(props);
    if (present.isEmpty()) {
      return new MavenSettings(new Settings(), present);
    }
    try {
      Settings effective =
          new DefaultSettingsBuilderFactory().newInstance().build(request).getEffectiveSettings();
      return new MavenSettings(effective, present);
    } catch (SettingsBuildingException e) {
      throw new LibraryResolutionException(
          "Cannot read Maven settings "
              + present
              + ": "
              + firstLine(e.getMessage())
              + ". Fix the file or move it aside.",
          e);
    }
  }

  /** The settings files that were read, global first; empty when neither exists. */
  List<Path> files() {
    return files;
  }

  /** {@code <localRepository>}, if set. */
  Optional<Path> localRepository() {
    String local = settings.getLocalRepository();
    return local == null || local.isBlank() ? Optional.empty() : Optional.of(Path.of(local.trim()));
  }

  /** {@code <offline>}. */
  boolean offline() {
    return settings.isOffline();
  }

  /** The {@code <repositories>} of the active profiles, in the order written. */
  List<RemoteRepository> profileRepositories() {
    Set<String> active = new HashSet<>(settings.getActiveProfiles());
    List<RemoteRepository> out = new ArrayList<>();
    for (Profile profile : settings.getProfiles()) {
      boolean byDefault =
          profile.getActivation() != null && profile.getActivation().isActiveByDefault();
      if (active.contains(profile.getId()) || byDefault) {
        for (Repository r : profile.getRepositories()) {
          out.add(
              remote(
                  r.getId(),
                  r.getUrl(),
                  r.getLayout(),
                  policy(r.getReleases()),
                  policy(r.getSnapshots())));
        }
      }
    }
    return out;
  }

  /**
   * Resolver's mirror selector over {@code <mirrors>} ({@code mirrorOf} incl. {@code *}, {@code
   * external:*}, {@code !id}).
   */
  MirrorSelector mirrorSelector() {
    DefaultMirrorSelector selector = new DefaultMirrorSelector();
    for (Mirror m : settings.getMirrors()) {
      selector.add(
          m.getId(),
          m.getUrl(),
          m.getLayout(),
          false,
          m.isBlocked(),
          m.getMirrorOf(),
          m.getMirrorOfLayouts());
    }
    return selector;
  }

  /** Credentials of {@code <servers>}, matched by repository or mirror id. */
  AuthenticationSelector authenticationSelector() {
    DefaultAuthenticationSelector selector = new DefaultAuthenticationSelector();
    for (Server s : settings.getServers()) {
      Authentication auth =
          new AuthenticationBuilder()
              .addUsername(s.getUsername())
              .addPassword(s.getPassword())
              .addPrivateKey(s.getPrivateKey(), s.getPassphrase())
              .build();
      selector.add(s.getId(), auth);
    }
    return selector;
  }

  /** The active {@code <proxies>}, with their credentials and {@code nonProxyHosts}. */
  ProxySelector proxySelector() {
    DefaultProxySelector selector = new DefaultProxySelector();
    for (org.apache.maven.settings.Proxy p : settings.getProxies()) {
      if (p.isActive()) {
        Authentication auth =
            new AuthenticationBuilder()
                .addUsername(p.getUsername())
                .addPassword(p.getPassword())
                .build();
        selector.add(
            new Proxy(p.getProtocol(), p.getHost(), p.getPort(), auth), p.getNonProxyHosts());
      }
    }
    return selector;
  }

  static RemoteRepository remote(
      String id,
      String url,
      @Nullable String layout,
      RepositoryPolicy releases,
      RepositoryPolicy snapshots) {
    return new RemoteRepository.Builder(
            id, layout == null || layout.isBlank() ? "default" : layout, url)
        .setReleasePolicy(releases)
        .setSnapshotPolicy(snapshots)
        .build();
  }

  private static RepositoryPolicy policy(org.apache.maven.settings.@Nullable RepositoryPolicy p) {
    return p == null
        ? new RepositoryPolicy()
        : new RepositoryPolicy(p.isEnabled(), p.getUpdatePolicy(), p.getChecksumPolicy());
  }

  static String firstLine(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return "no detail";
    }
    String trimmed = text.strip();
    int nl = trimmed.indexOf('\n');
    return (nl < 0 ? trimmed : trimmed.substring(0, nl)).strip();
  }
}
