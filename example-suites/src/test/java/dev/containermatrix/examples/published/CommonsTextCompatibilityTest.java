package dev.containermatrix.examples.published;

import dev.containermatrix.junit.ContainerMatrix;
import dev.containermatrix.junit.JdkAxis;
import dev.containermatrix.junit.LibraryAxis;
import org.junit.platform.suite.api.ExcludeClassNamePatterns;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.SelectPackages;

/**
 * A real published suite: Apache Commons Text 1.15.0's own tests, from its {@code tests} jar on
 * Maven Central, run against three versions of commons-lang3 on JDK 17 and 25. None of these test
 * classes is in this project; the package is found only inside that jar.
 *
 * <p>commons-lang3 3.17.0 is really incompatible: commons-text 1.15.0 calls {@code
 * org.apache.commons.lang3.Strings}, which 3.18.0 added, so 16 tests fail with {@code
 * NoClassDefFoundError: org/apache/commons/lang3/Strings} in both 3.17.0 variants. Those variants
 * are allowed to fail ({@code allowFailures}): they still run and report every failure, as aborted
 * tests, and report.json says {@code FAILED_ALLOWED}, so the build passes unless another variant
 * fails.
 *
 * <p>The tests read files relative to the working directory ({@code src/test/resources/...}, and
 * {@code src/main/java/.../EntityArrays.java}); the pom unpacks them into {@code
 * target/commons-text} and makes that the engine's base directory, which is each variant's working
 * directory.
 */
@SelectPackages("org.apache.commons.text")
// the jmh/*Performance classes (they need JMH) are not *Test, so they are never scanned
@IncludeClassNamePatterns(".*Test")
@ExcludeClassNamePatterns({
  // needs network: testHttpScheme reads https://www.apache.org (a variant has loopback only)
  ".*\\.lookup\\.UrlStringLookupTest",
  // needs a JavaScript script engine (GraalJS, whose versions differ for JDK 17 and 25; left out)
  ".*\\.lookup\\.ScriptStringLookupTest",
  // needs network (testDnsLookupAddress resolves apache.org) and a JavaScript engine
  // (testJavaScript)
  ".*\\.StringSubstitutorWithInterpolatorStringLookupTest"
})
@ContainerMatrix(timeout = "10m", allowFailures = "commons-lang3=3.17.0")
@LibraryAxis(
    artifact = "org.apache.commons:commons-lang3",
    versions = {"3.17.0", "3.18.0", "3.22.0"})
@JdkAxis({"17", "25"})
class CommonsTextCompatibilityTest {}
