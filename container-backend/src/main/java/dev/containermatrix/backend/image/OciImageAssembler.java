package dev.containermatrix.backend.image;

import dev.containermatrix.backend.oci.Descriptor;
import dev.containermatrix.backend.oci.ImageConfig;
import dev.containermatrix.backend.oci.Manifest;
import dev.containermatrix.backend.oci.OciLayout;
import dev.containermatrix.backend.oci.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an OCI image layout, wherever its files are, into an {@link Image}: layout check, manifest
 * choice, config, layers.
 */
final class OciImageAssembler {

  private OciImageAssembler() {}

  static Image read(LayoutFiles files, String reference, Platform platform) throws IOException {
    if (!files.exists(OciLayout.MARKER)) {
      throw new ImageSourceException(
          files.describe()
              + " has no oci-layout file, so it is not an OCI image layout"
              + (files.exists("manifest.json")
                  ? " (it looks like a docker save archive: use docker-archive:)"
                  : "")
              + ": export the image with skopeo copy … oci:<dir> or docker buildx --output"
              + " type=oci");
    }
    String layoutVersion = new String(files.readAll(OciLayout.MARKER), StandardCharsets.UTF_8);
    if (!OciLayout.declaresVersion(layoutVersion)) {
      throw new ImageSourceException(
          files.describe(OciLayout.MARKER)
              + " does not declare an imageLayoutVersion (was "
              + layoutVersion.strip()
              + "): it is not an OCI image layout");
    }
    Descriptor chosen = new ManifestSelector(files, platform).select();
    Manifest manifest =
        ImageDocuments.read(
            files.readBlob(chosen.digest(), chosen.size()),
            Manifest.class,
            files.describe(chosen.digest().layoutPath()));
    Descriptor configDescriptor = manifest.config();
    ImageConfig config =
        ImageDocuments.read(
            files.readBlob(configDescriptor.digest(), configDescriptor.size()),
            ImageConfig.class,
            files.describe(configDescriptor.digest().layoutPath()));
    if (config.diffIds().size() != manifest.layers().size()) {
      throw new ImageSourceException(
          "The manifest "
              + chosen.digest()
              + " in "
              + files.describe()
              + " lists "
              + manifest.layers().size()
              + " layers, but its config lists "
              + config.diffIds().size()
              + " diff_ids: the image is malformed; export it again");
    }
    List<ImageLayerBlob> layers = new ArrayList<>();
    for (Descriptor layer : manifest.layers()) {
      Compression compression;
      try {
        compression = Compression.ofMediaType(layer.mediaType());
      } catch (IllegalArgumentException e) {
        throw new ImageSourceException(
            "Layer " + layer.digest() + " of " + reference + ": " + e.getMessage(), e);
      }
      String path = layer.digest().layoutPath();
      layers.add(
          new ImageLayerBlob(
              layer.digest(),
              layer.mediaType(),
              layer.size(),
              compression,
              files.blobOpener(path, layer.digest(), layer.size())));
    }
    return new Image(reference, layers, configDescriptor.digest(), config);
  }
}
