package dev.containermatrix.engine.matrix;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A matrix definition is wrong: an unknown key, a value that names nothing, a duplicate axis, an
 * artifact or JDK that cannot be found, a malformed size. The message names where (file and line,
 * or annotation and attribute), the value involved, and what to do. Nothing of the class runs.
 */
@API(status = STABLE, since = "0.1")
public final class MatrixDefinitionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MatrixDefinitionException(Origin origin, String problem) {
    super(origin + ": " + problem);
  }

  public MatrixDefinitionException(Origin origin, String problem, Throwable cause) {
    super(origin + ": " + problem, cause);
  }
}
