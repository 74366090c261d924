package dev.containermatrix.engine.matrix;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Base images (image references such as {@code host} or {@code oci-archive:images/x.tar}). Named
 * {@code base}.
 */
@API(status = INTERNAL, since = "0.1")
public record BaseAxis(List<String> images, Origin origin) implements Axis {
  public static final String NAME = "base";

  public BaseAxis {
    Objects.requireNonNull(origin, "origin");
    images = Axis.checkLabels(images, NAME, origin);
    for (String image : images) {
      ImageReference.check(image, origin);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> labels() {
    return images;
  }
}
