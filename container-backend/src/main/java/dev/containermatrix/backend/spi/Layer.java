package dev.containermatrix.backend.spi;

import static dev.containermatrix.backend.spi.Checks.absolute;
import static dev.containermatrix.backend.spi.Checks.check;
import static dev.containermatrix.backend.spi.Checks.notNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * One read-only filesystem layer of a container: an unpacked directory on the host whose tree is
 * laid over the layers below it. A spec lists its layers bottom first.
 *
 * @param directory the unpacked layer on the host; absolute
 * @param role what the layer holds, lowercase letters, digits and '-': one of {@link #BASE}, {@link
 *     #JDK}, {@link #CLASSPATH}, {@link #CONFIG} or a backend-specific role
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Layer(Path directory, String role) {

  /** A base image's filesystem. */
  public static final String BASE = "base";

  /** A JDK. */
  public static final String JDK = "jdk";

  /**
   * Jars or class directories that the command's classpath names and nothing else. A backend that
   * runs on the host's filesystem may skip such a layer, since the classpath reaches its content.
   */
  public static final String CLASSPATH = "classpath";

  /** Configuration files at fixed paths. */
  public static final String CONFIG = "config";

  public Layer {
    absolute(directory, "layer directory");
    notNull(role, "layer role");
    check(
        role.matches("[a-z0-9-]{1,32}"),
        "layer role must be 1 to 32 characters of a-z, 0-9 and '-', was \"%s\": use base, jdk,"
            + " classpath or config",
        role);
  }
}
