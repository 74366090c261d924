package dev.containermatrix.backend.layers;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.backend.oci.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * A directory of entries, each a file named by its key that holds one digest: which layer the store
 * built for a key (the store's {@code plan-index/<kind>/}), or which blob of the run archive
 * re-tars a stored layer (the archive's {@code diffids/}). An entry is written to a temporary file
 * and renamed into place, so a reader sees a whole entry or none; an entry that does not hold a
 * digest reads as absent.
 */
@API(status = INTERNAL, since = "0.1")
public final class DigestIndex {
  /** A key is a plain file name that never starts with a dot (temporary files do). */
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

  /** A digest's text is 71 bytes; anything much longer is not an entry of ours. */
  private static final long MAX_ENTRY_BYTES = 128;

  private final Path directory;
  private final Path temporary;

  /**
   * @param directory where the entries are
   * @param temporary where entries are written before they are renamed into place, on the same file
   *     system
   */
  public DigestIndex(Path directory, Path temporary) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.temporary = Objects.requireNonNull(temporary, "temporary");
  }

  /** An index whose temporary files are written beside its entries, as dot files. */
  public static DigestIndex in(Path directory) {
    return new DigestIndex(directory, directory);
  }

  /**
   * Where the entry of {@code key} is; a lock file may go beside it.
   *
   * @throws IllegalArgumentException if {@code key} is not a plain file name
   */
  public Path entry(String key) {
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "index key '"
              + key
              + "' is not a plain file name (letters, digits, '.', '_' or '-', not starting with"
              + " '.', at most 128 characters)");
    }
    return directory.resolve(key);
  }

  /** The digest remembered for {@code key}; empty when there is none or it is not a digest. */
  public Optional<Digest> find(String key) throws IOException {
    return read(entry(key));
  }

  /** Remembers {@code value} for {@code key}, replacing what was there. */
  public void put(String key, Digest value) throws IOException {
    Path target = entry(key);
    Files.createDirectories(directory);
    Files.createDirectories(temporary);
    Path temp = Files.createTempFile(temporary, ".entry", ".tmp");
    try {
      Files.writeString(temp, value.toString(), StandardCharsets.US_ASCII);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Removes the entries that do not hold a digest, and those whose digest {@code stale} accepts.
   */
  public void removeIf(Predicate<Digest> stale) throws IOException {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (Stream<Path> files = Files.list(directory)) {
      for (Path entry : (Iterable<Path>) files::iterator) {
        if (!KEY.matcher(entry.getFileName().toString()).matches()) {
          continue; // a temporary file being written, or not ours
        }
        Optional<Digest> value = read(entry);
        if (value.isEmpty() || stale.test(value.get())) {
          Files.deleteIfExists(entry);
        }
      }
    }
  }

  private static Optional<Digest> read(Path entry) throws IOException {
    try {
      if (!Files.isRegularFile(entry) || Files.size(entry) > MAX_ENTRY_BYTES) {
        return Optional.empty();
      }
      return Digest.tryParse(Files.readString(entry, StandardCharsets.US_ASCII).strip());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (java.nio.charset.CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
