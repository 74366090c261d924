package dev.containermatrix.backend.docker;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The retention of our layer images in the engine, which follows the layer store's: it removes an
 * image of ours whose chain ({@link LayerChain}) names a layer directory that has left its store
 * (or whose store is gone), and one without a chain (committed before images recorded theirs) once
 * it is older than the store's retention. An image is ours when it has {@value
 * ContainerLayout#LAYERS_LABEL} and a name in {@value ContainerLayout#LAYERS_REPOSITORY}; only
 * those names are removed, so an image without our label, a user's image built on ours (it inherits
 * our labels) and a user's own name for one of ours are never touched. The root images (a few KB
 * each) are kept, and a chain whose store cannot be read is kept.
 *
 * <p>Removal is not forced: an image a container uses stays, and the next run tries again. It never
 * throws; what it could not do is in its {@link Result}.
 */
final class LayerImageRetention {

  /** The label filter of every image of ours. */
  static final List<String> OURS = List.of(ContainerLayout.LAYERS_LABEL);

  private final DockerApi api;
  private final List<String> scope;
  private final Clock clock;

  /**
   * @param scope the label filters of the images to consider: {@link #OURS}, or narrower (tests)
   */
  LayerImageRetention(DockerApi api, List<String> scope, Clock clock) {
    this.api = api;
    this.scope = List.copyOf(scope);
    this.clock = clock;
  }

  /**
   * What one retention did.
   *
   * @param removed the image names it removed
   * @param failures why each image it meant to remove stays (or why it could not list them)
   */
  record Result(List<String> removed, List<String> failures) {
    Result {
      removed = List.copyOf(removed);
      failures = List.copyOf(failures);
    }
  }

  /** Removes our images that lost a layer, and those without a chain created before the cutoff. */
  Result apply(Duration unusedFor) {
    Instant cutoff = clock.instant().minus(unusedFor);
    List<ImageDetails> images;
    try {
      images = api.listImages(scope);
    } catch (IOException | RuntimeException e) {
      return new Result(
          List.of(), List.of("could not list the layer images " + scope + ": " + e.getMessage()));
    }
    Map<Path, Optional<Set<String>>> stores = new HashMap<>();
    List<String> removed = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (ImageDetails image : images) {
      List<String> names = ourNames(image);
      if (names.isEmpty() || !expired(image, cutoff, stores)) {
        continue;
      }
      for (String name : names) {
        try {
          if (api.removeImage(name, false)) {
            removed.add(name);
          }
        } catch (IOException | RuntimeException e) {
          failures.add("could not remove image " + name + ": " + e.getMessage());
        }
      }
    }
    return new Result(removed, failures);
  }

  /** The image's names in our repository; none for a root image. */
  private static List<String> ourNames(ImageDetails image) {
    if (LayerChain.ROOT.equals(image.labels().get(ContainerLayout.LAYERS_LABEL))) {
      return List.of();
    }
    return image.repoTags().stream()
        .filter(name -> name.startsWith(ContainerLayout.LAYERS_REPOSITORY + ":"))
        .toList();
  }

  private static boolean expired(
      ImageDetails image, Instant cutoff, Map<Path, Optional<Set<String>>> stores) {
    Optional<LayerChain> chain = LayerChain.from(image.labels());
    if (chain.isEmpty()) {
      return image.created().isBefore(cutoff);
    }
    Optional<Set<String>> present =
        stores.computeIfAbsent(chain.get().store(), LayerImageRetention::presentIds);
    return present.isPresent() && !present.get().containsAll(chain.get().ids());
  }

  /**
   * The ids of the layer directories in {@code store}: none where it is gone, empty where it cannot
   * be read (its images are kept).
   */
  private static Optional<Set<String>> presentIds(Path store) {
    Set<String> ids = new HashSet<>();
    try {
      if (Files.notExists(store, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.of(ids);
      }
    } catch (SecurityException e) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(store)) {
      for (Path entry : entries) {
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
          LayerChain.idOf(entry.getFileName().toString()).ifPresent(ids::add);
        }
      }
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
    return Optional.of(ids);
  }
}
