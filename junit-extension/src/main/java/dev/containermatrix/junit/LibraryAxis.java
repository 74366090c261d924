package dev.containermatrix.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Versions of a Maven artifact. Each variant's classpath is the test classpath with the artifact,
 * and its conflicting transitive dependencies, replaced by the chosen version's.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(LibraryAxes.class)
public @interface LibraryAxis {
  /** {@code groupId:artifactId}. */
  String artifact();

  /** The versions to run with. */
  String[] versions();

  /** The axis name; defaults to the artifactId. */
  String name() default "";
}
