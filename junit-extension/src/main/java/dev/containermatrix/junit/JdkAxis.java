package dev.containermatrix.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * JDKs to run on, named {@code jdk}: each a feature version ({@code "17"}) or a JDK home path. JDKs
 * are found through {@code ~/.m2/toolchains.xml}, {@code JAVA_HOME} and the usual install folders.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface JdkAxis {
  String[] value();
}
