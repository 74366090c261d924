package dev.containermatrix.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * JDKs to run on, named {@code jdk}: each a feature version ({@code "17"}), a JDK home path, or an
 * image whose JDK the variant runs on. Host JDKs are found through {@code ~/.m2/toolchains.xml},
 * {@code JAVA_HOME} and the usual install folders. An image is written as a base image reference
 * ({@code oci-layout:<dir>}, {@code oci-archive:<tar>}, {@code docker-archive:<tar>}, {@code
 * docker:<name>}, {@code registry:<reference>}), optionally followed by {@code !} and the JDK's
 * home inside it ({@code registry:eclipse-temurin:21-jdk!/opt/java/openjdk}); without it the home
 * is the image's {@code JAVA_HOME}. The image is then the variant's base, so such a variant has no
 * other base than {@code host}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface JdkAxis {
  String[] value();
}
