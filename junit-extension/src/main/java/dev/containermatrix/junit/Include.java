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
 * Extends every combination it does not contradict with these {@code key=value} pairs, or adds a
 * new combination where it extends none (GitHub Actions' rules). Keys that are not axes become
 * extra values of the variant.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(Includes.class)
public @interface Include {
  /** Each {@code axis=value}. */
  String[] value();
}
