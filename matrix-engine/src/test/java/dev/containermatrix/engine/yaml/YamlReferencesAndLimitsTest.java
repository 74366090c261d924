package dev.containermatrix.engine.yaml;

import static dev.containermatrix.engine.yaml.YamlMatrixReaderErrorsTest.assertReading;

import org.junit.jupiter.api.Test;

/** Anchors, aliases and merge keys are refused, and so are files beyond the reader's limits. */
class YamlReferencesAndLimitsTest {

  @Test
  void refusesAnAliasInsteadOfReadingItsName() {
    assertReading(
            """
            axes:
              - config: tz
                values:
                  - {name: utc, env: {TZ: UTC}}
                  - {name: again, env: {TZ: *tz}}
            """)
        .hasMessage(
            "m.yaml, line 5, key 'TZ': YAML aliases (*tz) are not supported in matrix files:"
                + " write the value out");
  }

  @Test
  void refusesAnAliasInAList() {
    assertReading(
            """
            axes:
              - jdk: ["17", *v]
            """)
        .hasMessage(
            "m.yaml, line 2, key 'jdk': YAML aliases (*v) are not supported in matrix files:"
                + " write the value out");
  }

  @Test
  void refusesAnAnchorOnAMap() {
    assertReading(
            """
            axes:
              - resources:
                  - &small {name: small, cpus: 1}
            """)
        .hasMessage(
            "m.yaml, line 3, key 'resources': YAML anchors (&small) are not supported in matrix"
                + " files: write the value out where it is used");
  }

  @Test
  void refusesAnAnchorOnAList() {
    assertReading(
            """
            axes:
              - jdk: &jdks ["17", "25"]
            """)
        .hasMessage(
            "m.yaml, line 2, key 'jdk': YAML anchors (&jdks) are not supported in matrix files:"
                + " write the value out where it is used");
  }

  @Test
  void refusesAnAnchorOnAKey() {
    assertReading(
            """
            &k axes: [{jdk: ["17"]}]
            """)
        .hasMessage(
            "m.yaml, line 1, key 'axes': YAML anchors (&k) are not supported in matrix files:"
                + " write the value out where it is used");
  }

  @Test
  void refusesAnAnchoredValueWhereItsAliasIsUsed() {
    assertReading(
            """
            axes:
              - config: tz
                values:
                  - {name: utc, env: {TZ: &tz UTC}}
                  - {name: again, env: {TZ: *tz}}
            """)
        .hasMessage(
            "m.yaml, line 5, key 'TZ': YAML aliases (*tz) are not supported in matrix files:"
                + " write the value out");
  }

  @Test
  void refusesAMergeKey() {
    assertReading(
            """
            axes:
              - resources:
                  - {<<: {cpus: 1}, name: small}
            """)
        .hasMessage(
            "m.yaml, line 3, key '<<': YAML merge keys (<<) are not supported in matrix files:"
                + " write the entries out");
  }

  @Test
  void refusesAFileOverTheSizeLimitEvenInAComment() {
    assertReading("axes: [{jdk: [\"17\"]}]\n# " + "x".repeat(YamlTreeReader.MAX_BYTES) + "\n")
        .hasMessage(
            "m.yaml: the file has more than 262144 bytes, far more than a matrix needs;"
                + " check that this is the matrix file");
  }

  @Test
  void refusesNestingDeeperThanTheLimit() {
    assertReading("axes: " + "[".repeat(25) + "]".repeat(25) + "\n")
        .hasMessage(
            "m.yaml, line 1, key 'axes': maps and lists nest more than 20 deep here, far deeper"
                + " than a matrix needs; check the indentation");
  }

  @Test
  void refusesNestingBeyondJacksonsOwnLimitWithTheSameMessage() {
    assertReading("[".repeat(1001) + "]".repeat(1001) + "\n")
        .hasMessage(
            "m.yaml, line 1: maps and lists nest more than 20 deep here, far deeper than"
                + " a matrix needs; check the indentation");
  }

  @Test
  void refusesMoreNodesThanTheLimit() {
    assertReading("axes: [{jdk: [" + "\"1\", ".repeat(YamlTreeReader.MAX_NODES) + "\"2\"]}]\n")
        .hasMessage(
            "m.yaml, line 1, key 'jdk': the file has more than 10000 values, maps and lists, far"
                + " more than a matrix needs; check that this is the matrix file");
  }
}
