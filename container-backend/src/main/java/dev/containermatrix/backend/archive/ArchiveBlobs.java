package dev.containermatrix.backend.archive;

import dev.containermatrix.backend.layers.StoreLock;
import dev.containermatrix.backend.oci.Descriptor;
import dev.containermatrix.backend.oci.Digest;
import dev.containermatrix.backend.oci.DigestingOutputStream;
import dev.containermatrix.backend.oci.VerifyingInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;

/**
 * The archive's content-addressed blobs: written once (temp file, then rename into place), read
 * only through a check of their sha256 (and size, where a descriptor gives one).
 *
 * <p>A blob that already exists is claimed by touching it under the archive lock: retention deletes
 * only unreferenced blobs older than its grace period, and checks their time under the same lock,
 * so a blob a writer has just claimed for a run it has not committed yet is never deleted under it.
 */
final class ArchiveBlobs {

  /** Names the runs that reference a blob, for messages; best effort, never fails. */
  @FunctionalInterface
  interface Referrers {
    List<String> of(Digest digest);
  }

  /** Writes a blob's bytes to {@code out} (not closed). */
  @FunctionalInterface
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private final ArchiveLayout layout;
  private final Clock clock;
  private final Referrers referrers;

  ArchiveBlobs(ArchiveLayout layout, Clock clock, Referrers referrers) {
    this.layout = layout;
    this.clock = clock;
    this.referrers = referrers;
  }

  /** Stores {@code content} unless present; either way it is claimed for the grace period. */
  Descriptor put(byte[] content, String mediaType) throws IOException {
    Digest digest = Digest.of(content);
    if (claim(digest)) {
      return Descriptor.of(mediaType, digest, content.length);
    }
    return write(out -> out.write(content), mediaType);
  }

  /** Writes the content to a temp file while hashing it, then renames it to its digest's name. */
  Descriptor write(Content content, String mediaType) throws IOException {
    Path temp = layout.newTempFile();
    try {
      DigestingOutputStream out =
          new DigestingOutputStream(
              new BufferedOutputStream(Files.newOutputStream(temp), 64 * 1024));
      try (out) {
        content.writeTo(out);
      }
      Digest digest = out.digest();
      long size = Files.size(temp);
      Files.move(
          temp,
          layout.blob(digest),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      return Descriptor.of(mediaType, digest, size);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** If the blob exists, touches it under the archive lock and returns {@code true}. */
  boolean claim(Digest digest) throws IOException {
    Path file = layout.blob(digest);
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (StoreLock lock = StoreLock.acquire(layout.lockFile())) {
      try {
        Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
        return true;
      } catch (NoSuchFileException e) {
        return false;
      }
    }
  }

  boolean exists(Digest digest) {
    return Files.isRegularFile(layout.blob(digest));
  }

  long size(Digest digest) throws IOException {
    return Files.size(layout.blob(digest));
  }

  /** Reads a blob whole, checked against its digest and, if given, its size. */
  byte[] read(Digest digest, OptionalLong expectedSize) throws IOException {
    Path file = layout.blob(digest);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw missing(digest, expectedSize);
    }
    Digest actual = Digest.of(bytes);
    if (!actual.equals(digest)
        || expectedSize.isPresent() && expectedSize.getAsLong() != bytes.length) {
      throw corrupt(digest, expectedSize, actual, bytes.length);
    }
    return bytes;
  }

  /** Reads a blob to its end, checking it against its digest and size. */
  void verify(Digest digest, long expectedSize) throws IOException {
    try (InputStream in = open(digest, expectedSize)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
  }

  /**
   * Opens a blob; the stream checks it at its end, and closing it early reads the rest and checks
   * it too.
   */
  InputStream open(Digest digest, long expectedSize) throws IOException {
    Path file = layout.blob(digest);
    try {
      return new VerifyingInputStream(
          Files.newInputStream(file),
          digest,
          expectedSize,
          (actual, count) -> corrupt(digest, OptionalLong.of(expectedSize), actual, count));
    } catch (NoSuchFileException e) {
      throw missing(digest, OptionalLong.of(expectedSize));
    }
  }

  private ArchiveIntegrityException corrupt(
      Digest digest, OptionalLong expectedSize, Digest actual, long count) {
    return new ArchiveIntegrityException(
        layout.root(),
        digest.toString(),
        layout.blob(digest),
        "is corrupt: expected "
            + digest
            + expectedSize.stream().mapToObj(s -> " (" + s + " bytes)").findFirst().orElse("")
            + ", read "
            + actual
            + " ("
            + count
            + " bytes)",
        referrers.of(digest));
  }

  private ArchiveIntegrityException missing(Digest digest, OptionalLong expectedSize) {
    return new ArchiveIntegrityException(
        layout.root(),
        digest.toString(),
        layout.blob(digest),
        "is missing: expected "
            + digest
            + expectedSize.stream().mapToObj(s -> " (" + s + " bytes)").findFirst().orElse("")
            + ", read no file",
        referrers.of(digest));
  }
}
