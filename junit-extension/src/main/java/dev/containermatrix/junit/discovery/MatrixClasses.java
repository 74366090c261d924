package dev.containermatrix.junit.discovery;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.containermatrix.junit.ContainerMatrix;
import java.lang.reflect.Modifier;
import java.util.Optional;
import org.apiguardian.api.API;

/** Which classes belong to the container-matrix engine. */
@API(status = INTERNAL, since = "0.1")
public final class MatrixClasses {
  private MatrixClasses() {}

  /** A concrete top-level (or static member) class annotated {@code @ContainerMatrix}. */
  public static boolean isMatrixClass(Class<?> candidate) {
    return candidate.isAnnotationPresent(ContainerMatrix.class)
        && !Modifier.isAbstract(candidate.getModifiers())
        && !candidate.isInterface()
        && (candidate.getEnclosingClass() == null || Modifier.isStatic(candidate.getModifiers()));
  }

  /**
   * The matrix class that owns {@code candidate}: itself, or the class that encloses it (an
   * {@code @Nested} class runs inside its outer class's variants).
   */
  public static Optional<Class<?>> owningMatrixClass(Class<?> candidate) {
    for (Class<?> c = candidate; c != null; c = c.getEnclosingClass()) {
      if (isMatrixClass(c)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
