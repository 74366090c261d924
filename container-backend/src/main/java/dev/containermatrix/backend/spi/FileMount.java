package dev.containermatrix.backend.spi;

import static dev.containermatrix.backend.spi.Checks.absolute;
import static dev.containermatrix.backend.spi.Checks.check;
import static dev.containermatrix.backend.spi.Checks.noNul;
import static dev.containermatrix.backend.spi.Checks.notNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * A host file placed, read-only, at a fixed path inside the container.
 *
 * @param source the file on the host; absolute
 * @param target where the container sees it: an absolute, normalized Unix path other than {@code /}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record FileMount(Path source, String target) {

  public FileMount {
    absolute(source, "file source");
    notNull(target, "file target");
    noNul(target, "file target");
    check(
        target.startsWith("/")
            && !target.equals("/")
            && !target.endsWith("/")
            && !target.contains("//")
            && !target.matches("(.*/)?\\.\\.?(/.*)?"),
        "file target must be an absolute, normalized path inside the container such as"
            + " /etc/app/app.yaml, was \"%s\"",
        target);
  }
}
