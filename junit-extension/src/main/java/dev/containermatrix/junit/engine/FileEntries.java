package dev.containermatrix.junit.engine;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;

/**
 * Publishes a file entry where the host's JUnit Platform has them (1.12 and later); on 1.10 and
 * 1.11 it does nothing, and the output's tail still reaches the report as a report entry. The
 * engine is compiled against 1.10, so the newer API is reached by reflection, looked up once.
 */
final class FileEntries {
  private static final Optional<Api> API = Api.lookUp();

  private FileEntries() {}

  /** Whether this JUnit Platform can publish file entries. */
  static boolean supported() {
    return API.isPresent();
  }

  static void publish(
      EngineExecutionListener listener, TestDescriptor node, Path file, String mediaType) {
    API.ifPresent(api -> api.publish(listener, node, file, mediaType));
  }

  private record Api(Method from, Method published) {
    static Optional<Api> lookUp() {
      try {
        Class<?> entry =
            Class.forName(
                "org.junit.platform.engine.reporting.FileEntry",
                false,
                EngineExecutionListener.class.getClassLoader());
        return Optional.of(
            new Api(
                entry.getMethod("from", Path.class, String.class),
                EngineExecutionListener.class.getMethod(
                    "fileEntryPublished", TestDescriptor.class, entry)));
      } catch (ClassNotFoundException | NoSuchMethodException e) {
        return Optional.empty();
      }
    }

    void publish(
        EngineExecutionListener listener, TestDescriptor node, Path file, String mediaType) {
      try {
        published.invoke(listener, node, from.invoke(null, file, mediaType));
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(
            "JUnit's FileEntry API is not accessible: " + e.getMessage(), e);
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(
            "Publishing " + file + " as a file entry failed: " + cause, cause);
      }
    }
  }
}
