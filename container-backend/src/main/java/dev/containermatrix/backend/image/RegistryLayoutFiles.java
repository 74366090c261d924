package dev.containermatrix.backend.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A repository of an OCI distribution registry seen as an image layout, so that the layout
 * reader's manifest choice, config and layer checks serve registries too: {@code oci-layout} is
 * implied, {@code index.json} is the manifest the reference names (an index as it is, a single
 * manifest wrapped in a one-entry index), and {@code blobs/sha256/<hex>} are fetched by digest,
 * manifests from the manifests endpoint, everything else from the blobs endpoint.
 */
final class RegistryLayoutFiles implements LayoutFiles {
  private static final byte[] LAYOUT = "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);

  private final RegistryCoordinates coordinates;
  private final RegistryClient client;
  private final Map<String, byte[]> documents = new ConcurrentHashMap<>();

  RegistryLayoutFiles(RegistryCoordinates coordinates, RegistryClient client) {
    this.coordinates = coordinates;
    this.client = client;
  }

  @Override
  public boolean exists(String path) {
    return path.equals("oci-layout") || path.equals("index.json") || path.startsWith("blobs/");
  }

  @Override
  public long size(String path) throws IOException {
    byte[] document = document(path);
    if (document != null) {
      return document.length;
    }
    HttpResponse<InputStream> response = client.head("blobs/" + digestOf(path), "");
    response.body().close();
    check(response, path);
    return response.headers().firstValueAsLong("Content-Length").orElseThrow(() -> new ImageSourceException(
        describe(path) + " answered without a Content-Length"));
  }

  @Override
  public InputStream open(String path) throws IOException {
    byte[] document = document(path);
    if (document != null) {
      return new ByteArrayInputStream(document);
    }
    HttpResponse<InputStream> response = client.get("blobs/" + digestOf(path), "");
    check(response, path);
    return response.body();
  }

  /** The small documents: the implied layout file, the index, and manifests fetched so far. */
  private byte[] document(String path) throws IOException {
    if (path.equals("oci-layout")) {
      return LAYOUT;
    }
    if (path.equals("index.json")) {
      return documents.computeIfAbsent(path, p -> fetchIndex());
    }
    return documents.get(path);
  }

  private byte[] fetchIndex() {
    try {
      HttpResponse<InputStream> response = client.get("manifests/" + coordinates.reference(), RegistryClient.MANIFEST_TYPES);
      check(response, "manifests/" + coordinates.reference());
      byte[] bytes;
      try (InputStream in = response.body()) {
        bytes = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
      }
      String type = response.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
      if (type.endsWith("index.v1+json") || type.endsWith("manifest.list.v2+json")) {
        for (OciDescriptor manifest : OciJson.index(bytes, describe("index.json"))) {
          fetchManifest(manifest.digest());
        }
        return bytes;
      }
      String digest = Digests.of(bytes);
      documents.put(Digests.layoutPath(digest), bytes);
      return ("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"" + type + "\",\"digest\":\"" + digest
          + "\",\"size\":" + bytes.length + "}]}").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void fetchManifest(String digest) throws IOException {
    HttpResponse<InputStream> response = client.get("manifests/" + digest, RegistryClient.MANIFEST_TYPES);
    check(response, "manifests/" + digest);
    try (InputStream in = response.body()) {
      documents.put(Digests.layoutPath(digest), in.readNBytes(MAX_DOCUMENT_BYTES + 1));
    }
  }

  private void check(HttpResponse<InputStream> response, String path) throws IOException {
    if (response.statusCode() != 200) {
      response.body().close();
      throw new ImageSourceException(describe(path) + " answered HTTP " + response.statusCode()
          + (response.statusCode() == 404 ? ": the repository, tag or blob does not exist there" : "")
          + "; check registry:" + coordinates.host() + "/" + coordinates.name() + ":" + coordinates.reference());
    }
  }

  private static String digestOf(String path) {
    return "sha256:" + path.substring(path.lastIndexOf('/') + 1);
  }

  @Override
  public String describe(String path) {
    return coordinates.base() + "/" + path;
  }

  @Override
  public String describe() {
    return "registry " + coordinates.host() + " repository " + coordinates.name();
  }
}
