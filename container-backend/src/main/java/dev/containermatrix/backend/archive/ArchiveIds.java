package dev.containermatrix.backend.archive;

import java.util.regex.Pattern;

/**
 * Run and variant ids as the archive accepts them: they form {@code <runId>-<variantId>}, an OCI
 * ref name that {@code skopeo copy oci:<dir>:<ref>} can address, so letters, digits, {@code . _ -},
 * starting with a letter or digit, at most 100 characters.
 */
final class ArchiveIds {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private ArchiveIds() {}

  static String check(String id, String what) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "invalid "
              + what
              + " \""
              + id
              + "\": use 1 to 100 letters, digits, '.', '_'"
              + " or '-', starting with a letter or digit");
    }
    return id;
  }
}
