package dev.containermatrix.junit.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.junit.engine.fixtures.suite.members.AlphaCheck;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.discovery.PackageSelector;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.ExcludeEngines;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.SelectClasspathResource;
import org.junit.platform.suite.api.SelectMethod;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/** The suite-api annotations read as JUnit's suite engine reads them, and bad ones named. */
class SuiteSelectionTest {
  private static final String MEMBERS = "dev.containermatrix.junit.engine.fixtures.suite.members";

  @SelectPackages(MEMBERS)
  static class PackageSuite {}

  @Test
  void aSuiteWithoutIncludePatternsGetsJUnitsStandardPattern() {
    SuiteSelection suite = SuiteSelection.of(PackageSuite.class);

    assertThat(suite.selectors()).singleElement().isInstanceOf(PackageSelector.class);
    assertThat(suite.filters())
        .singleElement()
        .isInstanceOf(ClassNameFilter.class)
        .asString()
        .contains(ClassNameFilter.STANDARD_INCLUDE_PATTERN);
    assertThat(suite.describeSelectors()).isEqualTo("@SelectPackages(\"" + MEMBERS + "\")");
    assertThat(suite.failIfNoTests()).isTrue();
  }

  @SelectMethod("dev.containermatrix.junit.engine.fixtures.suite.members.AlphaCheck#adds")
  @SelectMethod(type = AlphaCheck.class, name = "addsSlowly")
  @SelectClasses(names = MEMBERS + ".LegacyCheck")
  @IncludeClassNamePatterns({".*Check", " "})
  @ExcludeEngines("junit-vintage")
  @ConfigurationParameter(key = "a", value = "1")
  @Suite(failIfNoTests = false)
  static class EverythingSuite {}

  @Test
  void repeatedSelectorsFiltersAndConfigurationAreAllRead() {
    SuiteSelection suite = SuiteSelection.of(EverythingSuite.class);

    assertThat(suite.selectors())
        .hasSize(3)
        .hasAtLeastOneElementOfType(ClassSelector.class)
        .filteredOn(MethodSelector.class::isInstance)
        .extracting(s -> ((MethodSelector) s).getMethodName())
        .containsExactlyInAnyOrder("adds", "addsSlowly");
    assertThat(suite.filters())
        .hasSize(2)
        .hasAtLeastOneElementOfType(EngineFilter.class)
        .filteredOn(ClassNameFilter.class::isInstance)
        .singleElement()
        .asString()
        .contains(".*Check");
    assertThat(suite.configuration()).containsExactly(java.util.Map.entry("a", "1"));
    assertThat(suite.failIfNoTests()).isFalse();
  }

  @Retention(RetentionPolicy.RUNTIME)
  @SelectPackages(MEMBERS)
  @interface TheMembers {}

  @TheMembers
  static class MetaAnnotatedSuite {}

  @Test
  void aSelectorOnTheUsersOwnAnnotationCounts() {
    assertThat(SuiteSelection.isSuite(MetaAnnotatedSuite.class)).isTrue();
    assertThat(SuiteSelection.of(MetaAnnotatedSuite.class).selectors()).hasSize(1);
    assertThat(SuiteSelection.isSuite(SuiteSelectionTest.class)).isFalse();
  }

  @SelectClasses(names = "com.example.NoSuchTest")
  static class MissingClassSuite {}

  @SelectMethod("com.example.NoSuchTest#test")
  static class MissingMethodClassSuite {}

  @SelectClasspathResource("no/such/features")
  static class MissingResourceSuite {}

  @Test
  void aSelectorNamingSomethingMissingFailsNamingTheAnnotationAndTheSuite() {
    assertThatThrownBy(() -> SuiteSelection.of(MissingClassSuite.class))
        .hasMessageStartingWith("@SelectClasses(names = \"com.example.NoSuchTest\") on ")
        .hasMessageContaining(MissingClassSuite.class.getName())
        .hasMessageContaining("not on the test classpath");
    assertThatThrownBy(() -> SuiteSelection.of(MissingMethodClassSuite.class))
        .hasMessageStartingWith("@SelectMethod(\"com.example.NoSuchTest#test\") on ");
    assertThatThrownBy(() -> SuiteSelection.of(MissingResourceSuite.class))
        .hasMessageStartingWith("@SelectClasspathResource(\"no/such/features\") on ");
  }
}
