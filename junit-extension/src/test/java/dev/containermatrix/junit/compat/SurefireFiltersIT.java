package dev.containermatrix.junit.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Surefire's own filters reach inside a class matrix's variants in a real {@code mvn verify}: each
 * variant lists its tests at discovery, the filter keeps what it wants, and each variant's agent
 * runs exactly that. A variant's values are tags, so {@code -Dgroups=jdk=25} picks variants.
 */
class SurefireFiltersIT {
  private static final String MATRIX = "fixture.FilterMatrixTest";

  @Test
  void aMethodFilterRunsThatMethodInEveryVariantAndNoOtherTest() {
    FixtureResult build =
        FixtureWorkspace.prepare()
            .fixture("filters", "filters-method")
            .withProperty("test", "FilterMatrixTest#quickCheck")
            .run()
            .assertSucceeded();

    assertThat(names(build))
        .as("%s: the testcases", build)
        .containsExactlyInAnyOrder("quickCheck(Variant)[jdk=17]", "quickCheck(Variant)[jdk=25]");
    assertThat(build.report().variantsOf(MATRIX))
        .as("%s: report.json", build)
        .hasSize(2)
        .allSatisfy(v -> assertThat(v.passed()).isEqualTo(1));
  }

  @Test
  void groupsRunTheTaggedTestsInEveryVariant() {
    FixtureResult build =
        FixtureWorkspace.prepare()
            .fixture("filters", "filters-groups")
            .withProperty("groups", "slow")
            .run()
            .assertSucceeded();

    assertThat(names(build))
        .as("%s: the testcases", build)
        .containsExactlyInAnyOrder("slowCheck(Variant)[jdk=17]", "slowCheck(Variant)[jdk=25]");
  }

  @Test
  void excludedGroupsRunEverythingElse() {
    FixtureResult build =
        FixtureWorkspace.prepare()
            .fixture("filters", "filters-excluded-groups")
            .withProperty("excludedGroups", "slow")
            .run()
            .assertSucceeded();

    assertThat(names(build))
        .as("%s: the testcases", build)
        .containsExactlyInAnyOrder(
            "quickCheck(Variant)[jdk=17]",
            "quickCheck(Variant)[jdk=25]",
            "innerCheck(Variant)[jdk=17]",
            "innerCheck(Variant)[jdk=25]",
            "runsOnTheHost");
  }

  @Test
  void aVariantsValueAsAGroupRunsThatVariantAloneAndStartsNoOther() {
    FixtureResult build =
        FixtureWorkspace.prepare()
            .fixture("filters", "filters-jdk25")
            .withProperty("groups", "jdk=25")
            .run()
            .assertSucceeded();

    assertThat(names(build))
        .as("%s: the testcases", build)
        .containsExactlyInAnyOrder(
            "slowCheck(Variant)[jdk=25]",
            "quickCheck(Variant)[jdk=25]",
            "innerCheck(Variant)[jdk=25]");
    assertThat(build.report().variantsOf(MATRIX))
        .as("%s: report.json lists the variants that ran", build)
        .singleElement()
        .satisfies(v -> assertThat(v.name()).isEqualTo("jdk=25"));
  }

  private static List<String> names(FixtureResult build) {
    return build.surefireTestCases().stream().map(ReportedTestCase::name).toList();
  }
}
