package dev.containermatrix.engine.expand;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.engine.matrix.Axis;
import dev.containermatrix.engine.matrix.ConfigFile;
import dev.containermatrix.engine.matrix.ConfigProfile;
import dev.containermatrix.engine.matrix.MatrixDefinition;
import dev.containermatrix.engine.matrix.ResourceProfile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * One variant of a matrix: a value for some or all axes, plus any extra keys an include added.
 *
 * <p>The {@link #id()} is a short digest of the variant's canonical definition (the axis values and
 * what they stand for: artifact coordinates, limits, env, properties, files, base image), so it is
 * the same across runs and machines and changes when the definition changes. It is never an index.
 *
 * @param id 12 lowercase hex digits
 * @param values axis name to value label in axis order, then include extras in the order written
 */
@API(status = INTERNAL, since = "0.1")
public record VariantDefinition(String id, Map<String, String> values, MatrixDefinition matrix) {

  public VariantDefinition {
    Objects.requireNonNull(matrix, "matrix");
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    if (id == null || !id.matches("[0-9a-f]{12}")) {
      throw new IllegalArgumentException("a variant id is 12 lowercase hex digits, was " + id);
    }
  }

  /**
   * Builds a variant from its values, computing its id. Values are put in axis order, extras after.
   */
  public static VariantDefinition of(MatrixDefinition matrix, Map<String, String> values) {
    Map<String, String> ordered = new LinkedHashMap<>();
    for (Axis axis : matrix.axes()) {
      String v = values.get(axis.name());
      if (v != null) {
        ordered.put(axis.name(), v);
      }
    }
    values.forEach(ordered::putIfAbsent);
    VariantDefinition draft = new VariantDefinition("000000000000", ordered, matrix);
    return new VariantDefinition(digest(draft.canonicalDefinition()), ordered, matrix);
  }

  /** {@code axis=value, axis=value}, as shown in the JUnit tree. */
  public String displayName() {
    List<String> parts = new ArrayList<>();
    values.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(", ", parts);
  }

  /** The library versions this variant selects, in axis order. */
  public List<LibrarySelection> libraries() {
    List<LibrarySelection> out = new ArrayList<>();
    for (Axis axis : matrix.axes()) {
      if (axis instanceof Axis.Library lib && values.containsKey(lib.name())) {
        out.add(
            new LibrarySelection(
                lib.name(), lib.groupId(), lib.artifactId(), values.get(lib.name())));
      }
    }
    return out;
  }

  /** The JDK (feature version or path), if the variant has one; else the host's JDK is used. */
  public Optional<String> jdk() {
    return matrix.axis(Axis.Jdk.NAME).map(a -> values.get(Axis.Jdk.NAME));
  }

  /** The resource profile, if the variant has one. */
  public Optional<ResourceProfile> resources() {
    return matrix
        .axis(Axis.Resource.NAME)
        .filter(a -> values.containsKey(Axis.Resource.NAME))
        .map(a -> ((Axis.Resource) a).profile(values.get(Axis.Resource.NAME)));
  }

  /** The config profiles, in axis order. */
  public List<ConfigProfile> configs() {
    List<ConfigProfile> out = new ArrayList<>();
    for (Axis axis : matrix.axes()) {
      if (axis instanceof Axis.Config config && values.containsKey(config.name())) {
        out.add(config.profile(values.get(config.name())));
      }
    }
    return out;
  }

  /** The base image reference: the base axis value, or the matrix default. */
  public String base() {
    return matrix.axis(Axis.Base.NAME).map(a -> values.get(Axis.Base.NAME)).orElse(matrix.base());
  }

  /** Merged env of every config profile (later axes win). */
  public Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    configs().forEach(c -> env.putAll(c.env()));
    return env;
  }

  /** Merged system properties of every config profile (later axes win). */
  public Map<String, String> systemProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    configs().forEach(c -> props.putAll(c.systemProperties()));
    return props;
  }

  /** Every config file of every config profile. */
  public List<ConfigFile> files() {
    return configs().stream().flatMap(c -> c.files().stream()).toList();
  }

  /** True when this variant selects {@code value} for {@code key} (a filter term). */
  public boolean matches(String key, String value) {
    return value.equals(values.get(key)) || (Axis.Base.NAME.equals(key) && value.equals(base()));
  }

  /**
   * The first {@code allowFailures} entry of its matrix's strategy that this variant matches (every
   * {@code axis=value} of it), if any: such a variant may fail without failing the build.
   */
  public Optional<dev.containermatrix.engine.matrix.ValueSelector> allowedFailure() {
    return matrix.strategy().allowFailures().stream()
        .filter(
            s -> s.values().entrySet().stream().allMatch(e -> matches(e.getKey(), e.getValue())))
        .findFirst();
  }

  /**
   * The canonical text the id is the digest of: one line per fact, sorted, so the order in which
   * axes or keys were written does not matter.
   */
  public String canonicalDefinition() {
    TreeMap<String, String> lines = new TreeMap<>();
    values.forEach((k, v) -> lines.put("value." + k, v));
    libraries()
        .forEach(
            l ->
                lines.put(
                    "library." + l.axis(), l.groupId() + ":" + l.artifactId() + ":" + l.version()));
    jdk().ifPresent(j -> lines.put("jdk", j));
    lines.put("base", base());
    resources()
        .ifPresent(
            profile -> {
              var r = profile.limits();
              r.cpus().ifPresent(c -> lines.put("limit.cpus", c.toString()));
              r.memoryBytes().ifPresent(m -> lines.put("limit.memory", Long.toString(m)));
              r.pids().ifPresent(p -> lines.put("limit.pids", Long.toString(p)));
              r.nofile().ifPresent(n -> lines.put("limit.nofile", Long.toString(n)));
              r.cpuset().ifPresent(s -> lines.put("limit.cpuset", s));
            });
    for (Axis axis : matrix.axes()) {
      if (axis instanceof Axis.Config config && values.containsKey(config.name())) {
        ConfigProfile c = config.profile(values.get(config.name()));
        String prefix = "config." + config.name() + "." + c.name();
        c.env().forEach((k, v) -> lines.put(prefix + ".env." + k, v));
        c.systemProperties().forEach((k, v) -> lines.put(prefix + ".property." + k, v));
        c.files().forEach(f -> lines.put(prefix + ".file." + f.target(), f.source()));
      }
    }
    StringBuilder text = new StringBuilder();
    lines.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    return text.toString();
  }

  private static String digest(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }
}
