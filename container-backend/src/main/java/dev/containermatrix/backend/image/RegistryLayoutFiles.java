package dev.containermatrix.backend.image;

import dev.containermatrix.backend.oci.Descriptor;
import dev.containermatrix.backend.oci.Digest;
import dev.containermatrix.backend.oci.Index;
import dev.containermatrix.backend.oci.OciDocuments;
import dev.containermatrix.backend.oci.OciLayout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A repository of an OCI distribution registry seen as an image layout, so that the layout reader's
 * manifest choice, config and layer checks serve registries too: {@code oci-layout} is implied,
 * {@code index.json} is the manifest the reference names (an index as it is, a single manifest
 * wrapped in a one-entry index), and {@code blobs/sha256/<hex>} are fetched by digest, manifests
 * from the manifests endpoint, everything else from the blobs endpoint.
 *
 * <p>Nothing the registry sends is trusted unchecked: the manifest a reference pins by digest
 * ({@code name@sha256:…}) must hash to that digest (and one fetched by tag to the {@code
 * Docker-Content-Digest} the registry names, if it names one); documents are read up to {@link
 * RegistryLimits#documentBytes()}, blobs up to the size their descriptor gives, never more; every
 * other manifest and blob is checked against its descriptor's digest and size when read.
 */
final class RegistryLayoutFiles implements LayoutFiles {

  private final RegistryCoordinates coordinates;
  private final RegistryClient client;
  private final Map<String, byte[]> documents = new ConcurrentHashMap<>();

  RegistryLayoutFiles(RegistryCoordinates coordinates, RegistryClient client) {
    this.coordinates = coordinates;
    this.client = client;
  }

  @Override
  public boolean exists(String path) {
    return path.equals(OciLayout.MARKER)
        || path.equals(OciLayout.INDEX)
        || path.startsWith("blobs/");
  }

  @Override
  public long size(String path) throws IOException {
    byte[] document = document(path);
    if (document != null) {
      return document.length;
    }
    HttpResponse<Void> response = client.head("blobs/" + digestOf(path), "");
    check(response, path);
    return response
        .headers()
        .firstValueAsLong("Content-Length")
        .orElseThrow(
            () -> new ImageSourceException(describe(path) + " answered without a Content-Length"));
  }

  @Override
  public InputStream open(String path) throws IOException {
    byte[] document = document(path);
    return document != null ? new ByteArrayInputStream(document) : openBlob(path, size(path));
  }

  @Override
  public InputStream openBlob(String path, long expectedSize) throws IOException {
    byte[] document = document(path);
    if (document != null) {
      return new ByteArrayInputStream(document);
    }
    Digest digest = digestOf(path);
    HttpResponse<InputStream> response =
        client.get(
            "blobs/" + digest,
            "",
            new BoundedBody.Limit(
                expectedSize,
                "the size the descriptor of blob "
                    + digest
                    + " gives: the registry serves another blob than the image names;"
                    + " check the registry"));
    check(response, path);
    return response.body();
  }

  /** The small documents: the implied layout file, the index, and manifests fetched so far. */
  private byte[] document(String path) throws IOException {
    if (path.equals(OciLayout.MARKER)) {
      return OciLayout.markerJson();
    }
    if (path.equals(OciLayout.INDEX)) {
      return documents.computeIfAbsent(path, p -> fetchIndex());
    }
    return documents.get(path);
  }

  private byte[] fetchIndex() {
    try {
      String path = "manifests/" + coordinates.reference();
      HttpResponse<InputStream> response =
          client.get(path, RegistryClient.MANIFEST_TYPES, client.documentLimit());
      byte[] bytes = read(response, path);
      Digest digest = Digest.of(bytes);
      Optional<String> named = response.headers().firstValue("Docker-Content-Digest");
      if (coordinates.pinnedDigest().isPresent()
          && !digest.toString().equals(coordinates.pinnedDigest().get())) {
        throw new ImageSourceException(
            describe()
                + " answered "
                + response.uri()
                + " with a manifest whose digest is "
                + digest
                + ", not the "
                + coordinates.pinnedDigest().get()
                + " that registry:"
                + text()
                + " pins: refusing it, since it is not the image asked for; check the reference and"
                + " the registry");
      }
      if (coordinates.pinnedDigest().isEmpty()
          && named.isPresent()
          && !digest.toString().equals(named.get())) {
        throw new ImageSourceException(
            describe()
                + " answered "
                + response.uri()
                + " with a manifest whose digest is "
                + digest
                + ", not the "
                + named.get()
                + " its Docker-Content-Digest header names: refusing it, since"
                + " the registry contradicts itself; check the registry");
      }
      String type = response.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
      if (type.endsWith("index.v1+json") || type.endsWith("manifest.list.v2+json")) {
        for (Descriptor manifest :
            ImageDocuments.read(bytes, Index.class, describe(OciLayout.INDEX)).manifests()) {
          fetchManifest(manifest.digest());
        }
        return bytes;
      }
      if (type.isEmpty()) {
        throw new ImageSourceException(
            response.uri()
                + " answered without a Content-Type, so what kind of manifest it sent is unknown:"
                + " it is not a distribution registry; check the reference");
      }
      documents.put(digest.layoutPath(), bytes);
      return OciDocuments.write(
          new Index(2, null, List.of(Descriptor.of(type, digest, bytes.length))));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Fetches a manifest an index names; its digest and size are checked when it is read as a blob.
   */
  private void fetchManifest(Digest digest) throws IOException {
    String path = "manifests/" + digest;
    documents.put(
        digest.layoutPath(),
        read(client.get(path, RegistryClient.MANIFEST_TYPES, client.documentLimit()), path));
  }

  private byte[] read(HttpResponse<InputStream> response, String path) throws IOException {
    check(response, path);
    try (InputStream in = response.body()) {
      return in.readAllBytes();
    }
  }

  private void check(HttpResponse<?> response, String path) throws IOException {
    if (response.statusCode() != 200) {
      if (response.body() instanceof InputStream in) {
        in.close();
      }
      throw new ImageSourceException(
          describe(path)
              + " answered HTTP "
              + response.statusCode()
              + (response.statusCode() == 404
                  ? ": the repository, tag or blob does not exist there"
                  : "")
              + "; check registry:"
              + text());
    }
  }

  /** The reference as written: {@code host/name:tag} or {@code host/name@sha256:…}. */
  private String text() {
    return coordinates.host()
        + "/"
        + coordinates.name()
        + (coordinates.pinnedDigest().isPresent() ? "@" : ":")
        + coordinates.reference();
  }

  /** The digest a blob path names ({@code blobs/sha256/<hex>}: what descriptors' digests give). */
  private Digest digestOf(String path) throws ImageSourceException {
    return Digest.fromLayoutPath(path)
        .orElseThrow(
            () ->
                new ImageSourceException(
                    describe()
                        + " has no file "
                        + path
                        + ": a registry serves only blobs/sha256/<64 lowercase hex digits>"));
  }

  @Override
  public String describe(String path) {
    return client
        .url(Digest.fromLayoutPath(path).map(digest -> "blobs/" + digest).orElse(path))
        .toString();
  }

  @Override
  public String describe() {
    return "registry " + coordinates.host() + " repository " + coordinates.name();
  }
}
