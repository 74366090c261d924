package dev.containermatrix.backend.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containermatrix.backend.layers.StoreLock;
import dev.containermatrix.backend.oci.Descriptor;
import dev.containermatrix.backend.oci.Digest;
import dev.containermatrix.backend.oci.Index;
import dev.containermatrix.backend.oci.MediaTypes;
import dev.containermatrix.backend.oci.OciDocuments;
import dev.containermatrix.backend.oci.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The archive's {@code index.json}: one image manifest descriptor per archived variant, annotated
 * with its run, variant, record and time. Entries without the run annotation (put there by other
 * tools) are kept as they are: the file is rewritten as a tree, so their fields we do not model
 * stay; our entries are written from {@link Descriptor}s. Readers need no lock (the file is
 * replaced by a rename); writers hold the {@link StoreLock} on {@code index.lock}.
 */
final class IndexFile {

  static final String REF_NAME = Descriptor.REF_NAME;
  static final String CREATED = "org.opencontainers.image.created";
  static final String RUN = "dev.containermatrix.run";
  static final String VARIANT = "dev.containermatrix.variant";
  static final String RECORD = "dev.containermatrix.record";

  private final ArchiveLayout layout;

  IndexFile(ArchiveLayout layout) {
    this.layout = layout;
  }

  /** With the lock held: writes an empty index if there is none. */
  void createIfMissing() throws IOException {
    if (!Files.exists(layout.index())) {
      layout.replace(layout.index(), OciDocuments.write(Index.of(List.of())));
    }
  }

  /** The archived runs, oldest first (by creation time, then id). */
  List<ArchivedRun> runs() throws IOException {
    return runsOf(read());
  }

  /** With the lock held: adds the run's entries. */
  void add(ArchivedRun run, Map<Digest, Long> manifestSizes) throws IOException {
    ObjectNode index = read();
    if (runsOf(index).stream().anyMatch(r -> r.runId().equals(run.runId()))) {
      throw new IllegalStateException(
          "run "
              + run.runId()
              + " is already archived in "
              + layout.root()
              + "; commit each run once, under an id of its own");
    }
    ArrayNode manifests = (ArrayNode) index.get("manifests");
    Platform host = Platform.host();
    run.manifestDigestByVariantId()
        .forEach(
            (variant, digest) -> {
              Map<String, String> annotations = new LinkedHashMap<>();
              annotations.put(REF_NAME, run.runId() + "-" + variant);
              annotations.put(RUN, run.runId());
              annotations.put(VARIANT, variant);
              annotations.put(RECORD, run.recordDigest().toString());
              annotations.put(CREATED, run.created().toString());
              manifests.add(
                  OciDocuments.tree(
                      new Descriptor(
                          MediaTypes.OCI_MANIFEST,
                          digest,
                          manifestSizes.get(digest),
                          Optional.of(host),
                          annotations)));
            });
    write(index);
  }

  /** With the lock held: removes every entry of these runs. */
  void remove(Set<String> runIds) throws IOException {
    ObjectNode index = read();
    ArrayNode kept = JsonNodeFactory.instance.arrayNode();
    for (JsonNode entry : index.get("manifests")) {
      if (!runIds.contains(entry.path("annotations").path(RUN).asText(""))) {
        kept.add(entry);
      }
    }
    index.set("manifests", kept);
    write(index);
  }

  /**
   * The digests of index entries that belong to no run (other tools' images); retention keeps what
   * they reference.
   */
  List<Digest> foreignManifests() throws IOException {
    List<Digest> result = new ArrayList<>();
    for (JsonNode entry : read().get("manifests")) {
      if (entry.path("annotations").path(RUN).asText("").isEmpty()) {
        Digest.tryParse(entry.path("digest").asText()).ifPresent(result::add);
      }
    }
    return result;
  }

  private ObjectNode read() throws IOException {
    byte[] json;
    try {
      json = Files.readAllBytes(layout.index());
    } catch (NoSuchFileException e) {
      throw new IOException(
          layout.index()
              + " is missing, so "
              + layout.root()
              + " is not a run archive (any more); open it with RunArchive.open, which creates an"
              + " empty one, or restore it from a backup",
          e);
    }
    JsonNode root;
    try {
      root = OciDocuments.readTree(json);
    } catch (IllegalArgumentException e) {
      throw malformed("it " + e.getMessage());
    }
    if (!(root instanceof ObjectNode object) || !root.path("manifests").isArray()) {
      throw malformed("it has no \"manifests\" array");
    }
    return object;
  }

  private List<ArchivedRun> runsOf(ObjectNode index) throws IOException {
    Map<String, RunEntries> byRun = new LinkedHashMap<>();
    for (JsonNode entry : index.get("manifests")) {
      JsonNode annotations = entry.path("annotations");
      String runId = annotations.path(RUN).asText("");
      if (runId.isEmpty()) {
        continue;
      }
      RunEntries run =
          byRun.computeIfAbsent(
              runId,
              id ->
                  new RunEntries(
                      annotations.path(CREATED).asText(""),
                      annotations.path(RECORD).asText(""),
                      new LinkedHashMap<>()));
      run.manifests().put(annotations.path(VARIANT).asText(""), entry.path("digest").asText(""));
    }
    List<ArchivedRun> runs = new ArrayList<>();
    for (Map.Entry<String, RunEntries> e : byRun.entrySet()) {
      try {
        String runId = e.getKey();
        Map<String, Digest> manifests = new LinkedHashMap<>();
        e.getValue()
            .manifests()
            .forEach(
                (variant, digest) ->
                    manifests.put(
                        variant,
                        Digest.parse(
                            digest,
                            "the manifest digest of variant " + variant + " of run " + runId)));
        runs.add(
            new ArchivedRun(
                runId,
                Instant.parse(e.getValue().created()),
                Digest.parse(e.getValue().record(), "the record digest of run " + runId),
                manifests));
      } catch (IllegalArgumentException | DateTimeParseException bad) {
        throw malformed(
            "its entries of run \"" + e.getKey() + "\" are invalid (" + bad.getMessage() + ")");
      }
    }
    runs.sort(Comparator.comparing(ArchivedRun::created).thenComparing(ArchivedRun::runId));
    return runs;
  }

  private record RunEntries(String created, String record, Map<String, String> manifests) {}

  private void write(ObjectNode index) throws IOException {
    layout.replace(layout.index(), OciDocuments.write(index));
  }

  private IOException malformed(String reason) {
    return new IOException(
        layout.index()
            + " is not a valid run archive index: "
            + reason
            + "; restore it from a backup (the blobs under "
            + layout.blobDirectory()
            + " are intact, but which runs they"
            + " form is recorded only there)");
  }
}
