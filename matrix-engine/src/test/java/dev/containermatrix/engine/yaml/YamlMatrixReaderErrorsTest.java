package dev.containermatrix.engine.yaml;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containermatrix.engine.matrix.MatrixDefinitionException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class YamlMatrixReaderErrorsTest {

  static AbstractThrowableAssert<?, ? extends Throwable> assertReading(String yaml) {
    return assertThatThrownBy(() -> YamlMatrixReaderTest.read(yaml))
        .isInstanceOf(MatrixDefinitionException.class);
  }

  @Test
  void rejectsUnknownTopLevelKeyListingAllowedKeys() {
    assertReading(
            """
            axes: [{jdk: [17]}]
            strategie: {timeout: 10m}
            """)
        .hasMessage(
            "m.yaml, line 2, key 'strategie': unknown key;"
                + " the keys allowed here are base, axes, exclude, include, strategy");
  }

  @Test
  void rejectsAJdkImageWhoseHomeIsNoAbsolutePathNamingTheLine() {
    assertReading(
            """
            axes:
              - jdk: ["17", "registry:eclipse-temurin:21-jdk!opt/java/openjdk"]
            """)
        .hasMessageStartingWith(
            "m.yaml, line 2, key 'jdk': JDK value"
                + " 'registry:eclipse-temurin:21-jdk!opt/java/openjdk' names JDK home"
                + " 'opt/java/openjdk' in its image after '!'");
  }

  @Test
  void rejectsUnknownKeyInALibraryAxis() {
    assertReading(
            """
            axes:
              - library: g:a
                versoins: ["1"]
            """)
        .hasMessage(
            "m.yaml, line 3, key 'versoins': unknown key; the keys allowed here are library, name,"
                + " versions");
  }

  @Test
  void rejectsUnknownKeyInAResourceProfile() {
    assertReading(
            """
            axes:
              - resources:
                  - name: small
                    mem: 256m
            """)
        .hasMessage(
            "m.yaml, line 4, key 'mem': unknown key;"
                + " the keys allowed here are name, cpus, memory, pids, nofile, cpuset");
  }

  @Test
  void rejectsUnknownKeyInStrategy() {
    assertReading(
            """
            axes: [{jdk: [17]}]
            strategy: {combinations: all, failFast: true}
            """)
        .hasMessage(
            "m.yaml, line 2, key 'failFast': unknown key;"
                + " the keys allowed here are combinations, fail-fast, max-parallel, timeout,"
                + " allow-failures");
  }

  @Test
  void rejectsAnAllowFailuresEntryNamingAnUnknownAxisWithTheLineAndTheAxesThereAre() {
    assertReading(
            """
            axes: [{jdk: ["17", "25"]}]
            strategy:
              allow-failures:
                - {jdk: "25"}
                - {jvm: "26"}
            """)
        .hasMessage(
            "m.yaml, line 5, key 'allow-failures': allowFailures entry 'jvm=26' names axis 'jvm',"
                + " which this matrix does not have; use one of its axes: jdk");
  }

  @Test
  void rejectsAnAllowFailuresEntryNamingAValueTheAxisDoesNotHave() {
    assertReading(
            """
            axes: [{jdk: ["17", "25"]}]
            strategy: {allow-failures: [{jdk: "26"}]}
            """)
        .hasMessage(
            "m.yaml, line 2, key 'allow-failures': allowFailures entry 'jdk=26' names value"
                + " 'jdk=26', which no variant has; use one of: 17, 25");
  }

  @Test
  void rejectsAllowFailuresThatIsNoList() {
    assertReading(
            """
            axes: [{jdk: ["17", "25"]}]
            strategy: {allow-failures: {jdk: "25"}}
            """)
        .hasMessageContaining("list the entries like strategy: allow-failures: [{jdk: \"25\"}]");
  }

  @Test
  void rejectsAMapWhereAListIsExpected() {
    assertReading(
            """
            axes:
              jdk: [17]
            """)
        .hasMessage(
            "m.yaml, line 1, key 'axes': expected a list but found a map;"
                + " list the axes like axes: [{jdk: [\"17\", \"25\"]}]");
  }

  @Test
  void rejectsASingleValueWhereAListIsExpected() {
    assertReading(
            """
            axes:
              - jdk: 17
            """)
        .hasMessage(
            "m.yaml, line 2, key 'jdk': expected a list but found the value '17';"
                + " list the values like jdk: [\"17\", \"25\"]");
  }

  @Test
  void rejectsAListWhereAMapIsExpected() {
    assertReading(
            """
            axes:
              - config: tz
                values:
                  - name: utc
                    env: [TZ=UTC]
            """)
        .hasMessage(
            "m.yaml, line 5, key 'env': expected a map but found a list; write it as a map like"
                + " env: {TZ: UTC}");
  }

  @Test
  void rejectsAListWhereASingleValueIsExpected() {
    assertReading(
            """
            axes:
              - library: [g:a]
                versions: ["1"]
            """)
        .hasMessage(
            "m.yaml, line 2, key 'library': expected a single value but found a list; write the"
                + " artifact as groupId:artifactId, like library:"
                + " com.fasterxml.jackson.core:jackson-databind");
  }

  @Test
  void rejectsATopLevelThatIsNotAMap() {
    assertReading(
            """
            - jdk: [17]
            """)
        .hasMessage(
            "m.yaml, line 1: expected a map but found a list; write the matrix as a map with the"
                + " keys base, axes, exclude, include, strategy");
  }

  @Test
  void rejectsADuplicateAxis() {
    assertReading(
            """
            axes:
              - jdk: [17]
              - jdk: [25]
            """)
        .hasMessage(
            "m.yaml, line 3, key 'jdk': axis 'jdk' is declared twice; give each axis a distinct"
                + " name");
  }

  @Test
  void rejectsTwoLibraryAxesForOneArtifactWithoutNames() {
    assertReading(
            """
            axes:
              - {library: "g:a", versions: ["1"]}
              - {library: "g:a", versions: ["2"]}
            """)
        .hasMessage(
            "m.yaml, line 3, key 'library': axis 'a' is declared twice; give each axis a distinct"
                + " name");
  }

  @Test
  void rejectsEmptyVersions() {
    assertReading(
            """
            axes:
              - library: g:a
                versions: []
            """)
        .hasMessage(
            "m.yaml, line 3, key 'versions': the list is empty;"
                + " list at least one value, like versions: [\"2.21.3\", \"2.22.0\"]");
  }

  @Test
  void rejectsVersionsWrittenAsNothing() {
    assertReading(
            """
            axes:
              - library: g:a
                versions:
            """)
        .hasMessage(
            "m.yaml, line 3, key 'versions': expected a list but found nothing;"
                + " list the values like versions: [\"2.21.3\", \"2.22.0\"]");
  }

  @Test
  void rejectsMissingVersions() {
    assertReading(
            """
            axes:
              - library: g:a
                name: a
            """)
        .hasMessage(
            "m.yaml, line 2, key 'axes': 'versions' is missing;"
                + " add the versions to test, like versions: [\"2.21.3\", \"2.22.0\"]");
  }

  @Test
  void rejectsADuplicateVersion() {
    assertReading(
            """
            axes:
              - jdk: [17, "17"]
            """)
        .hasMessage("m.yaml, line 2, key 'jdk': axis 'jdk' lists '17' twice; list each value once");
  }

  @Test
  void rejectsMalformedSize() {
    assertReading(
            """
            axes:
              - resources:
                  - {name: small, memory: 256x}
            """)
        .hasMessage(
            "m.yaml, line 3, key 'memory': '256x' is not a size;"
                + " write a number with an optional unit k, m, g or t, like 256m, 1g or 1.5GiB");
  }

  @Test
  void rejectsMalformedCpus() {
    assertReading(
            """
            axes:
              - resources:
                  - {name: small, cpus: many}
            """)
        .hasMessage(
            "m.yaml, line 3, key 'cpus': 'many' is not a CPU count; write a positive number like 1,"
                + " 0.5 or 2");
  }

  @Test
  void rejectsMalformedPids() {
    assertReading(
            """
            axes:
              - resources:
                  - {name: small, pids: -1}
            """)
        .hasMessage(
            "m.yaml, line 3, key 'pids': '-1' is not a positive whole number; write it like 256");
  }

  @Test
  void rejectsMalformedDuration() {
    assertReading(
            """
            axes: [{jdk: [17]}]
            strategy:
              timeout: soon
            """)
        .hasMessage(
            "m.yaml, line 3, key 'timeout': 'soon' is not a positive duration;"
                + " write it like 500ms, 30s, 10m, 1h30m or PT10M");
  }

  @Test
  void rejectsUnknownCombinations() {
    assertReading(
            """
            axes: [{jdk: [17]}]
            strategy: {combinations: some}
            """)
        .hasMessage(
            "m.yaml, line 2, key 'combinations': 'some' is not a way to combine axes; write all or"
                + " pairwise");
  }

  @Test
  void rejectsExcludeNamingAnUnknownAxis() {
    assertReading(
            """
            axes: [{jdk: [17, 25]}]
            exclude:
              - {jdk: 25, os: mac}
            """)
        .hasMessage(
            "m.yaml, line 3, key 'exclude': exclude names axis 'os', which this matrix does not"
                + " have; use one of its axes: jdk");
  }

  @Test
  void rejectsExcludeValueThatNamesNothing() {
    assertReading(
            """
            axes: [{jdk: [17, 25]}]
            exclude:
              - jdk: 21
            """)
        .hasMessage(
            "m.yaml, line 3, key 'exclude': exclude value 'jdk=21' names no value of axis 'jdk';"
                + " use one of: 17, 25");
  }

  @Test
  void rejectsIncludeOfAResourceProfileThatDoesNotExist() {
    assertReading(
            """
            axes:
              - resources: [{name: small, memory: 256m}]
            include:
              - {resources: huge, jdk: 25}
            """)
        .hasMessage(
            "m.yaml, line 4, key 'include': include value 'resources=huge' names no value of axis"
                + " 'resources'; use one of: small (an include cannot invent resources profiles)");
  }

  @Test
  void rejectsIncludeOfAConfigProfileThatDoesNotExist() {
    assertReading(
            """
            axes:
              - config: tz
                values: [{name: utc, env: {TZ: UTC}}]
            include: [{tz: kolkata}]
            """)
        .hasMessage(
            "m.yaml, line 4, key 'include': include value 'tz=kolkata' names no value of axis"
                + " 'tz'; use one of: utc (an include cannot invent tz profiles)");
  }

  @Test
  void rejectsAnAxisOfTwoKinds() {
    assertReading(
            """
            axes:
              - jdk: [17]
                base: [host]
            """)
        .hasMessage(
            "m.yaml, line 3, key 'base': an axis has one kind, but this one is also 'jdk';"
                + " make each axis its own list entry");
  }

  @Test
  void rejectsAnAxisOfNoKind() {
    assertReading(
            """
            axes:
              - versions: ["1"]
            """)
        .hasMessage(
            "m.yaml, line 2, key 'axes': the axis has none of the keys library, jdk, resources,"
                + " config, base; start it with one of them");
  }

  @Test
  void rejectsADuplicateKey() {
    assertReading(
            """
            axes: [{jdk: [17]}]
            base: host
            base: oci-archive:x.tar
            """)
        .hasMessage(
            "m.yaml, line 3, key 'base': the key appears twice in this map (first on line 2); keep"
                + " one");
  }

  @Test
  void rejectsMalformedYamlNamingTheLine() {
    assertReading(
            """
            axes:
              - jdk: [17, 25
              - base: [host]
            """)
        .hasMessage(
            "m.yaml, line 3: the YAML is malformed (while parsing a flow sequence,"
                + " expected ',' or ']', but got :); fix the syntax at this line");
  }

  @Test
  void rejectsMalformedYamlWithAColonInAPlainValue() {
    assertReading(
            """
            axes:
              - jdk: [17]
            base: a: b
            """)
        .hasMessage(
            "m.yaml, line 3: the YAML is malformed (mapping values are not allowed here);"
                + " fix the syntax at this line");
  }

  @Test
  void rejectsAnEmptyFile() {
    assertReading("")
        .hasMessage(
            "m.yaml, line 1: the file is empty; write a matrix with at least 'axes' or 'include'");
  }

  @Test
  void rejectsASecondDocument() {
    assertReading(
            """
            axes: [{jdk: [17]}]
            ---
            axes: [{jdk: [25]}]
            """)
        .hasMessage("m.yaml, line 3: a second YAML document starts here; keep one matrix per file");
  }

  @Test
  void rejectsAMalformedBaseImage() {
    assertReading(
            """
            base: ubuntu
            axes: [{jdk: [17]}]
            """)
        .hasMessage(
            "m.yaml, line 1, key 'base': image reference 'ubuntu' is not one of host,"
                + " oci-layout:<dir>, oci-archive:<tar>, docker-archive:<tar>, docker:<name>,"
                + " registry:<reference>");
  }

  @Test
  void rejectsARelativeConfigFileTarget() {
    assertReading(
            """
            axes:
              - config: app
                values:
                  - name: a
                    files: {etc/app.yaml: conf/app.yaml}
            """)
        .hasMessage(
            "m.yaml, line 5, key 'etc/app.yaml': config file target 'etc/app.yaml' must be an"
                + " absolute path inside the variant, such as /etc/app/app.yaml");
  }
}
