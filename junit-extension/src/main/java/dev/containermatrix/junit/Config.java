package dev.containermatrix.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/** One named configuration in a {@link ConfigAxis}. */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Config {
  String name();

  /** Environment variables, each {@code NAME=value}. */
  String[] env() default {};

  /** System properties, each {@code name=value}. */
  String[] systemProperties() default {};

  /**
   * Files, each {@code source -> /absolute/target}; the source is a test-classpath resource or a
   * path relative to the module's base directory.
   */
  String[] files() default {};
}
