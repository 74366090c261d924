package dev.containermatrix.engine.resolve;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.engine.expand.LibrarySelection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Builds a variant's classpath from the host's test classpath and the variant's library selections.
 *
 * <p>Each selection is resolved with {@link LibraryResolver}. A classpath entry whose Maven
 * identity ({@code groupId:artifactId}, see {@link ArtifactIdentity}) is that of a resolved
 * artifact is replaced in place by the resolved file; later entries with the same identity are
 * dropped. Resolved artifacts that were not on the classpath are added right after the selected
 * artifact's entry, in resolution order, or at the end when the selected artifact was not on the
 * classpath. Entries of unknown identity are kept as they are. Where two selections resolve the
 * same artifact, a selected artifact wins over another selection's dependency, and otherwise the
 * earlier selection wins.
 */
@API(status = INTERNAL, since = "0.1")
public final class ClasspathComposer {
  private final LibraryResolver resolver;

  public ClasspathComposer(LibraryResolver resolver) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  /**
   * The variant's classpath.
   *
   * @throws LibraryResolutionException when a selection cannot be resolved
   */
  public ComposedClasspath compose(List<Path> hostClasspath, List<LibrarySelection> selections) {
    Map<String, List<ResolvedArtifact>> resolved = new LinkedHashMap<>();
    for (LibrarySelection selection : selections) {
      resolved.put(
          selection.groupId() + ":" + selection.artifactId(),
          resolver.resolve(selection.coordinates()));
    }
    Map<String, List<ResolvedArtifact>> chosen = new LinkedHashMap<>();
    Map<String, String> owner = new LinkedHashMap<>();
    resolved.forEach(
        (selected, artifacts) ->
            artifacts.stream()
                .filter(a -> a.key().equals(selected))
                .forEach(a -> choose(chosen, owner, a, selected)));
    resolved.forEach(
        (selected, artifacts) ->
            artifacts.stream()
                .filter(a -> !resolved.containsKey(a.key()))
                .filter(a -> !owner.containsKey(a.key()) || owner.get(a.key()).equals(selected))
                .forEach(a -> choose(chosen, owner, a, selected)));

    List<Path> entries = new ArrayList<>();
    List<String> replaced = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    Map<String, Integer> lastIndexOf = new HashMap<>();
    for (Path entry : hostClasspath) {
      Optional<ArtifactIdentity> identity = ArtifactIdentity.of(entry, resolver.localRepository());
      List<ResolvedArtifact> replacement = identity.map(i -> chosen.get(i.key())).orElse(null);
      if (identity.isEmpty() || replacement == null) {
        entries.add(entry);
      } else if (placed.add(identity.get().key())) {
        replacement.forEach(a -> entries.add(a.file()));
        lastIndexOf.put(identity.get().key(), entries.size() - 1);
        String version = replacement.get(0).version();
        if (!version.equals(identity.get().version())) {
          replaced.add(identity.get().key() + " " + identity.get().version() + " -> " + version);
        }
      }
    }

    Map<Integer, List<Path>> insertAfter = new HashMap<>();
    List<Path> atEnd = new ArrayList<>();
    resolved.forEach(
        (selected, artifacts) -> {
          List<Path> missing = new ArrayList<>();
          for (ResolvedArtifact a : artifacts) {
            if (!placed.contains(a.key())
                && selected.equals(owner.get(a.key()))
                && chosen.get(a.key()).contains(a)) {
              missing.add(a.file());
            }
          }
          artifacts.forEach(
              a -> {
                if (selected.equals(owner.get(a.key()))) {
                  placed.add(a.key());
                }
              });
          Integer at = lastIndexOf.get(selected);
          (at == null ? atEnd : insertAfter.computeIfAbsent(at, k -> new ArrayList<>()))
              .addAll(missing);
        });
    List<Path> result = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      result.add(entries.get(i));
      result.addAll(insertAfter.getOrDefault(i, List.of()));
    }
    result.addAll(atEnd);
    return new ComposedClasspath(result, replaced);
  }

  private static void choose(
      Map<String, List<ResolvedArtifact>> chosen,
      Map<String, String> owner,
      ResolvedArtifact a,
      String selected) {
    chosen.computeIfAbsent(a.key(), k -> new ArrayList<>()).add(a);
    owner.put(a.key(), selected);
  }
}
