package dev.containermatrix.examples.vintage;

import dev.containermatrix.junit.ContainerMatrix;
import dev.containermatrix.junit.JdkAxis;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.SelectPackages;

/**
 * A JUnit 4 suite as a matrix: every {@code *Check} class of this package, run by the Vintage
 * engine inside a container per JDK. No JUnit 4 class is annotated; the suite selects them.
 */
@SelectPackages("dev.containermatrix.examples.vintage")
@IncludeClassNamePatterns(".*Check")
@ContainerMatrix(timeout = "5m")
@JdkAxis({"17", "25"})
class LegacySuiteTest {}
