package dev.containermatrix.backend.rundir;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.containermatrix.backend.hostfs.PrivateDirectory;
import dev.containermatrix.backend.hostfs.TreeDeletion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A private temporary directory of this JVM, {@code /tmp/cm-<pid>-<8 hex>}: short, since Unix
 * socket paths must stay under 108 bytes, and marked with its owner's {@link ProcessIdentity} so
 * that {@link RunDirectoryReaper} can remove it once the owner is gone. {@link #close()} deletes it
 * with all it holds.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RunDirectory implements AutoCloseable {

  /** Where run directories go by default. Not {@code java.io.tmpdir}, which is long on macOS. */
  public static final Path TMP = Path.of("/tmp");

  static final Pattern NAME = Pattern.compile("cm-(\\d{1,10})-[0-9a-f]{8}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path path;
  private final ProcessIdentity owner;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RunDirectory(Path path, ProcessIdentity owner) {
    this.path = path;
    this.owner = owner;
  }

  /** A new run directory under {@code /tmp}. */
  public static RunDirectory create() throws IOException {
    return create(TMP);
  }

  /**
   * A new run directory under {@code tmpRoot}, readable by this user only where POSIX permissions
   * exist.
   */
  public static RunDirectory create(Path tmpRoot) throws IOException {
    ProcessIdentity owner = ProcessIdentity.current();
    for (int attempt = 0; ; attempt++) {
      byte[] random = new byte[4];
      RANDOM.nextBytes(random);
      Path path = tmpRoot.resolve("cm-" + owner.pid() + "-" + HexFormat.of().formatHex(random));
      try {
        PrivateDirectory.createNew(path);
      } catch (FileAlreadyExistsException e) {
        if (attempt < 10) {
          continue;
        }
        throw e;
      }
      OwnerMarker.write(path, owner);
      return new RunDirectory(path, owner);
    }
  }

  /** The directory. */
  public Path path() {
    return path;
  }

  /** The process that owns it: this JVM. */
  public ProcessIdentity owner() {
    return owner;
  }

  /**
   * Deletes the directory and everything in it. Idempotent.
   *
   * @throws UncheckedIOException if something in it cannot be deleted; the message names it
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      deleteRecursively(path);
    }
  }

  /** The owner pid a run directory's name carries, if {@code name} is one. */
  static OptionalLong ownerPidOf(String name) {
    Matcher matcher = NAME.matcher(name);
    return matcher.matches()
        ? OptionalLong.of(Long.parseLong(matcher.group(1)))
        : OptionalLong.empty();
  }

  /**
   * Deletes {@code directory} and everything in it without following any symbolic link in it (see
   * {@link TreeDeletion}); nothing happens if it does not exist.
   *
   * @throws UncheckedIOException naming what could not be deleted
   */
  public static void deleteRecursively(Path directory) {
    try {
      TreeDeletion.delete(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot delete run directory "
              + directory
              + ": "
              + e.getMessage()
              + ": delete it by hand, or check what holds it open",
          e);
    }
  }
}
