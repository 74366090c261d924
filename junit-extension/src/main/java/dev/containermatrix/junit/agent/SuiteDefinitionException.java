package dev.containermatrix.junit.agent;

/** A suite matrix's junit-platform-suite-api annotations select or configure something wrong. */
final class SuiteDefinitionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  SuiteDefinitionException(String message) {
    super(message);
  }

  SuiteDefinitionException(String message, Throwable cause) {
    super(message, cause);
  }
}
