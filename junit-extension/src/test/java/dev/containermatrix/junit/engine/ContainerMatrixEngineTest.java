package dev.containermatrix.junit.engine;

import static dev.containermatrix.junit.engine.EngineRuns.assertClassFailedAndNothingStarted;
import static dev.containermatrix.junit.engine.EngineRuns.assertVariantFailedAndItsTestAborted;
import static dev.containermatrix.junit.engine.EngineRuns.report;
import static dev.containermatrix.junit.engine.EngineRuns.variantNode;
import static org.assertj.core.api.Assertions.anyOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containermatrix.junit.engine.fixtures.BadMemoryFixture;
import dev.containermatrix.junit.engine.fixtures.BrokenYamlFixture;
import dev.containermatrix.junit.engine.fixtures.FailFastFixture;
import dev.containermatrix.junit.engine.fixtures.FailFastWhileRunningFixture;
import dev.containermatrix.junit.engine.fixtures.HaltingFixture;
import dev.containermatrix.junit.engine.fixtures.LeanClasspathFixture;
import dev.containermatrix.junit.engine.fixtures.LimitedFixture;
import dev.containermatrix.junit.engine.fixtures.MissingArtifactFixture;
import dev.containermatrix.junit.engine.fixtures.MissingJdkFixture;
import dev.containermatrix.junit.engine.fixtures.NestedAndDynamicFixture;
import dev.containermatrix.junit.engine.fixtures.OneAtATimeFixture;
import dev.containermatrix.junit.engine.fixtures.SleepingFixture;
import dev.containermatrix.junit.engine.fixtures.TwoZonesFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.AssertionFailedError;

class ContainerMatrixEngineTest {
  @TempDir Path reports;

  private EngineExecutionResults run(
      Map<String, String> parameters, DiscoverySelector... selectors) {
    return EngineRuns.engine(reports, "process")
        .configurationParameters(parameters)
        .selectors(selectors)
        .execute();
  }

  private EngineExecutionResults run(DiscoverySelector... selectors) {
    return run(Map.of(), selectors);
  }

  @Test
  void variantsGetTheSerialCollectorUnlessTheirEnvAsksTheJvmForAnother() {
    EngineExecutionResults results =
        run(selectClass(dev.containermatrix.junit.engine.fixtures.JvmOptionsFixture.class));

    results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
  }

  @Test
  void runsEveryMethodOnceInEveryVariantAsItsOwnTest() {
    EngineExecutionResults results = run(selectClass(TwoZonesFixture.class));

    results
        .testEvents()
        // listed at discovery, not registered while they run
        .assertStatistics(s -> s.dynamicallyRegistered(0).started(4).succeeded(3).failed(1));
    results
        .containerEvents()
        .assertThatEvents()
        .haveExactly(1, event(variantNode(), displayName("tz=utc"), finishedSuccessfully()))
        .haveExactly(1, event(variantNode(), displayName("tz=kolkata"), finishedSuccessfully()));
    List<String> ids =
        results.testEvents().started().stream()
            .map(e -> e.getTestDescriptor().getUniqueId().toString())
            .toList();
    assertThat(ids)
        .hasSize(4)
        .doesNotHaveDuplicates()
        .allMatch(
            id ->
                id.matches(
                    "\\[engine:container-matrix]/\\[class:"
                        + TwoZonesFixture.class.getName().replace(".", "\\.")
                        + "]/\\[variant:[0-9a-f]{12}]/\\[method:.*]"));
    List<String> legacyNames =
        results.testEvents().started().stream()
            .map(e -> e.getTestDescriptor().getLegacyReportingName())
            .toList();
    assertThat(legacyNames)
        .doesNotHaveDuplicates()
        .contains("seesItsOwnEnvironment(Variant)[tz=utc]", "expectsUtc(Variant)[tz=kolkata]");
  }

  @Test
  void aFailingVariantCarriesTheRemoteMessageWithExpectedAndActual() {
    EngineExecutionResults results = run(selectClass(TwoZonesFixture.class));

    Event failed = results.testEvents().failed().stream().findFirst().orElseThrow();
    Throwable failure =
        failed
            .getPayload(org.junit.platform.engine.TestExecutionResult.class)
            .orElseThrow()
            .getThrowable()
            .orElseThrow();
    assertThat(failure).isInstanceOf(AssertionFailedError.class).isInstanceOf(AssertionError.class);
    AssertionFailedError assertion = (AssertionFailedError) failure;
    assertThat(assertion.getMessage())
        .as(
            "the message starts with the variant's name, so Surefire's summary line says which"
                + " variant failed")
        .isEqualTo("[tz=kolkata] zone of the variant ==> expected: <utc> but was: <kolkata>");
    assertThat(assertion.getExpected().getStringRepresentation()).isEqualTo("utc");
    assertThat(assertion.getActual().getStringRepresentation()).isEqualTo("kolkata");
    assertThat(failed.getTestDescriptor().getDisplayName()).isEqualTo("expectsUtc(Variant)");
  }

  @Test
  void capturesEachVariantsOutputOnItsOwnNode() {
    EngineExecutionResults results = run(selectClass(TwoZonesFixture.class));

    List<ReportEntry> entries =
        results.containerEvents().reportingEntryPublished().stream()
            .map(e -> e.getRequiredPayload(ReportEntry.class))
            .toList();
    assertThat(entries)
        .filteredOn(e -> e.getKeyValuePairs().containsKey("stdout"))
        .hasSize(2)
        .allMatch(e -> e.getKeyValuePairs().get("stdout").contains("hello from variant "));
  }

  @Test
  void eachVariantsNodeCarriesItsValuesAsAReportEntry() {
    EngineExecutionResults results = run(selectClass(TwoZonesFixture.class));

    assertThat(
            results.containerEvents().reportingEntryPublished().stream()
                .filter(e -> e.getTestDescriptor() instanceof VariantDescriptor)
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .filter(pairs -> pairs.containsKey("tz")))
        .containsExactlyInAnyOrder(Map.of("tz", "utc"), Map.of("tz", "kolkata"));
  }

  @Test
  void aVariantThatExceedsItsTimeoutIsReportedOnceAsTimedOutAndItsJvmIsGone() throws Exception {
    Path pidFile = Path.of("target", "sleeping-fixture.pid");
    Files.deleteIfExists(pidFile);

    EngineExecutionResults results = run(selectClass(SleepingFixture.class));

    assertVariantFailedAndItsTestAborted(results, "variant mode=sleepy timed out after 3s");
    long pid = Long.parseLong(Files.readString(pidFile).trim());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
  }

  @Test
  void aJvmThatDiesIsOneFailureOfItsVariantAndAbortsItsPendingTestsWithTheExitReason() {
    EngineExecutionResults results = run(selectClass(HaltingFixture.class));

    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(test("passes"), finishedSuccessfully()))
        .haveExactly(
            1,
            event(
                test("haltsTheJvm"),
                abortedWithReason(message(m -> m.contains("exited with status 7")))))
        .haveExactly(
            1,
            event(
                test("neverRuns"),
                abortedWithReason(message(m -> m.contains("exited with status 7")))));
    results.testEvents().assertStatistics(s -> s.failed(0).aborted(2));
    results
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                variantNode(),
                displayName("mode=crash"),
                finishedWithFailure(
                    instanceOf(VariantFailedException.class),
                    message(
                        m ->
                            m.startsWith("variant mode=crash")
                                && m.contains("exited with status 7")))));
    results.containerEvents().assertStatistics(s -> s.failed(1));
  }

  @Test
  void aUniqueIdSelectorRunsOnlyThatVariant() {
    String variantId = variantIdOf("tz=kolkata");
    UniqueId variant = classId(TwoZonesFixture.class).append("variant", variantId);

    EngineExecutionResults results = run(selectUniqueId(variant));

    results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
    assertThat(results.testEvents().started().stream())
        .allMatch(e -> e.getTestDescriptor().getUniqueId().hasPrefix(variant));
  }

  @Test
  void aUniqueIdSelectorOfOneMethodRunsOnlyThatMethodOfThatVariant() {
    UniqueId method =
        classId(TwoZonesFixture.class)
            .append("variant", variantIdOf("tz=utc"))
            .append("method", "expectsUtc(dev.containermatrix.junit.Variant)");

    EngineExecutionResults results = run(selectUniqueId(method));

    results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    assertThat(
            results.testEvents().started().stream()
                .findFirst()
                .orElseThrow()
                .getTestDescriptor()
                .getUniqueId())
        .isEqualTo(method);
  }

  @Test
  void aMethodSelectorRunsThatMethodInEveryVariant() {
    EngineExecutionResults results =
        run(
            selectMethod(
                TwoZonesFixture.class,
                "seesItsOwnEnvironment",
                "dev.containermatrix.junit.Variant"));

    results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
  }

  @Test
  void theVariantFilterRunsOnlyMatchingVariantsAndTheReportCountsWhatRanOfWhatTheMatrixHolds()
      throws Exception {
    EngineExecutionResults results =
        run(Map.of("containermatrix.variants", "tz=utc"), selectClass(TwoZonesFixture.class));

    results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
    JsonNode matrix = report(reports).get("matrices").get(0);
    assertThat(matrix.get("variants").asInt()).isEqualTo(2);
    assertThat(matrix.get("variantsRun").asInt()).isEqualTo(1);
  }

  @Test
  void aRunStartsByDeletingTheLogsOfOtherBuildsAndOfTheOldLayoutBesideItsOwn() throws Exception {
    Path otherBuild =
        Files.createDirectories(
            reports.resolve("variants/20260101-000000-old/" + TwoZonesFixture.class.getName()));
    Files.writeString(reports.resolve("variants/20260101-000000-old/build"), "another-build\n");
    Path oldLayout =
        Files.createDirectories(
            reports.resolve("variants/" + TwoZonesFixture.class.getName() + "/0123456789ab"));
    Files.writeString(oldLayout.resolve("stdout.log"), "from an engine of an earlier version");

    run(selectClass(TwoZonesFixture.class));

    String runId = report(reports).get("runId").asText();
    try (java.util.stream.Stream<Path> entries = Files.list(reports.resolve("variants"))) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactly(runId);
    }
    try (java.util.stream.Stream<Path> entries =
        Files.list(
            reports.resolve("variants").resolve(runId).resolve(TwoZonesFixture.class.getName()))) {
      assertThat(entries.map(p -> p.getFileName().toString()))
          .hasSize(2)
          .allMatch(name -> name.matches("tz=(utc|kolkata)-[0-9a-f]{12}"));
    }
    assertThat(otherBuild).doesNotExist();
  }

  @Test
  void surefireNamesAFailedVariantsTestcaseByTheFullyQualifiedClassName() {
    TestDescriptor matrixClass = discoverTwoZones();
    // Surefire's classname of a node without a source (the variant) is its parent's display name;
    // that of a method inside is its class's legacy reporting name
    assertThat(matrixClass.getChildren())
        .isNotEmpty()
        .allSatisfy(
            variant -> {
              assertThat(variant.getSource()).isEmpty();
              assertThat(variant.getParent().orElseThrow().getDisplayName())
                  .isEqualTo(TwoZonesFixture.class.getName());
            });
    assertThat(matrixClass.getLegacyReportingName()).isEqualTo(TwoZonesFixture.class.getName());
    assertThat(matrixClass.getSource())
        .contains(
            org.junit.platform.engine.support.descriptor.ClassSource.from(TwoZonesFixture.class));
  }

  @Test
  void nestedDynamicSkippedAbortedAndReportEntriesComeThrough() {
    EngineExecutionResults results = run(selectClass(NestedAndDynamicFixture.class));

    results.testEvents().assertStatistics(s -> s.succeeded(4).skipped(1).aborted(1).failed(0));
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(test("disabled"), skippedWithReason("not today")))
        .haveExactly(1, event(test(), displayName("dynamic a"), finishedSuccessfully()))
        .haveExactly(1, event(test("innerTest"), finishedSuccessfully()));
    assertThat(
            results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs()))
        .anyMatch(m -> "42".equals(m.get("answer")));
  }

  @Test
  void aMatrixClassDisabledInsideSkipsItsTestsWithTheReasonAndTheVariantPasses() throws Exception {
    EngineExecutionResults results =
        run(selectClass(dev.containermatrix.junit.engine.fixtures.DisabledMatrixFixture.class));

    results.testEvents().assertStatistics(s -> s.skipped(2).started(0));
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(test("first"), skippedWithReason("switched off for now")))
        .haveExactly(1, event(test("second"), skippedWithReason("switched off for now")));
    results
        .containerEvents()
        .assertThatEvents()
        .haveExactly(1, event(variantNode(), finishedSuccessfully()))
        .doNotHave(event(variantNode(), skippedWithReason(r -> true)));
    JsonNode variant = EngineRuns.report(reports).get("variants").get(0);
    assertThat(variant.get("status").asText()).isEqualTo("PASSED");
    assertThat(variant.get("tests").get("skipped").asInt()).isEqualTo(2);
  }

  @Test
  void failFastCancelsTheRemainingVariants() {
    EngineExecutionResults results = run(selectClass(FailFastFixture.class));

    results.testEvents().assertStatistics(s -> s.failed(1).succeeded(0));
    // a variant still queued for a permit is skipped; one that already held it is aborted
    results
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            2,
            event(
                variantNode(),
                anyOf(
                    skippedWithReason(
                        r ->
                            r.matches(
                                "cancelled because failFast is set and variant n=\\w+ failed")),
                    abortedWithReason(
                        message(
                            m ->
                                m.matches(
                                    "variant n=\\w+ was cancelled \\(failFast is set and variant"
                                        + " n=\\w+ failed\\) before it started"))))));
  }

  @Test
  void failFastCancelsARunningVariantWithAReasonThatReadsAsOneSentence() {
    EngineExecutionResults results = run(selectClass(FailFastWhileRunningFixture.class));

    results.testEvents().assertStatistics(s -> s.failed(1).succeeded(0));
    // n=waits is killed while it runs; on a slow host failFast may trip before it started
    results
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                variantNode(),
                abortedWithReason(
                    message(
                        m ->
                            m.matches(
                                "variant n=waits was cancelled \\(failFast is set and variant"
                                    + " n=fails failed\\)(; its JVM \\(pid \\d+\\)( and \\d+ child"
                                    + " process(es)? were| was) killed| before it started)")))));
    assertThat(results.allEvents().stream().map(Object::toString))
        .noneMatch(e -> e.contains("was was"));
  }

  @Test
  void aBadMatrixFailsItsClassNamingTheAnnotationAndAttributeAndRunsNothing() {
    EngineExecutionResults results = run(selectClass(BadMemoryFixture.class));

    assertClassFailedAndNothingStarted(
        results,
        BadMemoryFixture.class,
        message(
            m ->
                m.startsWith(
                    "@Resources(name = \"small\").memory on " + BadMemoryFixture.class.getName())));
  }

  @Test
  void theProcessBackendRefusesLimitsItCannotEnforceInsteadOfIgnoringThem() {
    EngineExecutionResults results = run(selectClass(LimitedFixture.class));

    results.testEvents().assertStatistics(s -> s.started(0));
    results
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                variantNode(),
                finishedWithFailure(
                    instanceOf(VariantFailedException.class),
                    message(m -> m.contains("cannot enforce memory=256 MiB")))));
  }

  @Test
  void aStoreThatIsNoDirectoryFailsTheClassNamingItAndWhatToDoAndStartsNothing() throws Exception {
    // the agent jar is written to the store when the class is planned, before any admission slot is
    // needed (HostAdmissionTest covers a store that cannot hold the slots)
    Path store = Files.createFile(reports.resolve("not-a-directory"));

    EngineExecutionResults results =
        run(
            Map.of("containermatrix.store", store.toString(), "containermatrix.archive", "off"),
            selectClass(TwoZonesFixture.class));

    assertClassFailedAndNothingStarted(
        results,
        TwoZonesFixture.class,
        message(
            m ->
                m.startsWith(
                        "Could not write the variant agent jar under " + store.resolve("agent"))
                    && m.endsWith("check that containermatrix.store names a writable directory")));
  }

  @Test
  void discoveryStartsNothingAndListsEveryVariantWithTheTestsItWillRun() {
    TestDescriptor matrixClass = discoverTwoZones();
    assertThat(matrixClass.getChildren()).hasSize(2);
    for (TestDescriptor variant : matrixClass.getChildren()) {
      assertThat(variant.mayRegisterTests()).isFalse();
      assertThat(variant.getChildren())
          .extracting(TestDescriptor::getDisplayName)
          .containsExactlyInAnyOrder("seesItsOwnEnvironment(Variant)", "expectsUtc(Variant)");
      assertThat(variant.getChildren())
          .allSatisfy(
              test -> {
                assertThat(test.isTest()).isTrue();
                assertThat(test.getSource())
                    .get()
                    .isInstanceOfSatisfying(
                        org.junit.platform.engine.support.descriptor.MethodSource.class,
                        m ->
                            assertThat(m.getClassName())
                                .isEqualTo(TwoZonesFixture.class.getName()));
                assertThat(test.getUniqueId().getSegments().get(2).getType()).isEqualTo("variant");
              });
    }
    assertThat(reports).isEmptyDirectory();
  }

  @Test
  void aVariantsClasspathHasTheAgentJarAndNoOtherJarOfOursAndTheReportCountsItsEntries()
      throws Exception {
    run(selectClass(LeanClasspathFixture.class))
        .testEvents()
        .assertStatistics(s -> s.succeeded(1).failed(0));

    JsonNode variant = report(reports).get("variants").get(0);
    int hostEntries = HostClasspath.read().size();
    // the user's test classpath without our three module outputs, plus the agent jar
    assertThat(variant.get("classpathEntries").asInt()).isEqualTo(hostEntries + 1);
  }

  @Test
  void writesReportJsonWithEveryVariantAndItsStatus() throws Exception {
    run(selectClass(TwoZonesFixture.class));

    JsonNode report = report(reports);
    assertThat(report.get("backend").asText()).isEqualTo("process");
    assertThat(report.get("runId").asText()).isNotBlank();
    assertThat(report.get("host").get("cpus").asInt()).isPositive();
    JsonNode variants = report.get("variants");
    assertThat(variants).hasSize(2);
    JsonNode kolkata =
        variants.get(0).get("name").asText().equals("tz=kolkata")
            ? variants.get(0)
            : variants.get(1);
    assertThat(kolkata.get("status").asText()).isEqualTo("FAILED");
    assertThat(kolkata.get("values").get("tz").asText()).isEqualTo("kolkata");
    assertThat(kolkata.get("tests").get("passed").asInt()).isEqualTo(1);
    assertThat(kolkata.get("tests").get("failed").asInt()).isEqualTo(1);
    assertThat(kolkata.get("id").asText()).matches("[0-9a-f]{12}");
    String logs =
        "variants/"
            + report.get("runId").asText()
            + "/"
            + TwoZonesFixture.class.getName()
            + "/tz=kolkata-"
            + kolkata.get("id").asText();
    assertThat(kolkata.get("logs").asText()).isEqualTo(logs);
    assertThat(reports.resolve(logs).resolve("stdout.log"))
        .content()
        .contains("hello from variant");
    assertThat(kolkata.get("failures")).hasSize(1);
    JsonNode failure = kolkata.get("failures").get(0);
    assertThat(failure.get("test").asText())
        .isEqualTo(TwoZonesFixture.class.getName() + "#expectsUtc(Variant)");
    assertThat(failure.get("message").asText())
        .isEqualTo("zone of the variant ==> expected: <utc> but was: <kolkata>");
    assertThat(failure.get("logs").asText()).isEqualTo(logs);
    JsonNode utc = kolkata == variants.get(0) ? variants.get(1) : variants.get(0);
    assertThat(utc.get("failures")).isEmpty();
    assertThat(report.get("matrices").get(0).get("variants").asInt()).isEqualTo(2);
    assertThat(report.get("matrices").get(0).get("variantsRun").asInt()).isEqualTo(2);
    String runId = report.get("runId").asText();
    assertThat(variants).allSatisfy(v -> assertThat(v.get("runId").asText()).isEqualTo(runId));
    assertThat(report.get("runs"))
        .extracting(r -> r.get("part").asText())
        .endsWith("runs/report-" + runId + ".json");
    JsonNode part =
        new ObjectMapper().readTree(reports.resolve("runs/report-" + runId + ".json").toFile());
    assertThat(part.get("variants")).isEqualTo(variants);
  }

  @Test
  void aMisspelledYamlKeyFailsItsClassNamingTheFileAndLine() {
    EngineExecutionResults results = run(selectClass(BrokenYamlFixture.class));

    assertClassFailedAndNothingStarted(
        results,
        BrokenYamlFixture.class,
        message(m -> m.startsWith("matrix/broken.yaml, line 4, key 'valeus'")));
  }

  @Test
  void aJdkThatIsNowhereFailsItsClassSayingWhereItLooked() {
    EngineExecutionResults results = run(selectClass(MissingJdkFixture.class));

    assertClassFailedAndNothingStarted(
        results,
        MissingJdkFixture.class,
        message(
            m ->
                m.startsWith("@JdkAxis.value on " + MissingJdkFixture.class.getName())
                    && m.contains("JDK 4 not found")
                    && m.contains("/usr/lib/jvm")));
  }

  @Test
  void anArtifactVersionThatDoesNotExistFailsItsClassNamingTheAnnotation() {
    EngineExecutionResults results = run(selectClass(MissingArtifactFixture.class));

    assertClassFailedAndNothingStarted(
        results,
        MissingArtifactFixture.class,
        message(
            m ->
                m.startsWith(
                        "@LibraryAxis(artifact ="
                            + " \"com.fasterxml.jackson.core:jackson-databind\").versions"
                            + " on "
                            + MissingArtifactFixture.class.getName())
                    && m.contains(
                        "com.fasterxml.jackson.core:jackson-databind:0.0.0-no-such-version")));
  }

  @Test
  void maxParallelOneRunsTheVariantsOfAClassOneAfterAnother() {
    EngineExecutionResults results =
        run(Map.of("containermatrix.parallelism", "3"), selectClass(OneAtATimeFixture.class));

    results.testEvents().assertStatistics(s -> s.succeeded(6));
    // each variant's tests, from the first start to the last finish, must not overlap another's
    Map<UniqueId, List<Event>> byVariant =
        results.testEvents().stream()
            .collect(
                java.util.stream.Collectors.groupingBy(
                    e -> e.getTestDescriptor().getUniqueId().removeLastSegment()));
    List<java.time.Instant[]> spans =
        byVariant.values().stream()
            .map(
                events ->
                    new java.time.Instant[] {
                      events.stream()
                          .map(Event::getTimestamp)
                          .min(java.util.Comparator.naturalOrder())
                          .orElseThrow(),
                      events.stream()
                          .map(Event::getTimestamp)
                          .max(java.util.Comparator.naturalOrder())
                          .orElseThrow()
                    })
            .sorted(java.util.Comparator.comparing(span -> span[0]))
            .toList();
    assertThat(spans).hasSize(3);
    for (int i = 1; i < spans.size(); i++) {
      assertThat(spans.get(i)[0]).isAfter(spans.get(i - 1)[1]);
    }
  }

  private static UniqueId classId(Class<?> c) {
    return UniqueId.forEngine(ContainerMatrixTestEngine.ENGINE_ID).append("class", c.getName());
  }

  /** The class node of {@link TwoZonesFixture}, discovered with this test's report directory. */
  private TestDescriptor discoverTwoZones() {
    TestDescriptor root =
        discover(
            org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(TwoZonesFixture.class))
                .configurationParameter("containermatrix.report.dir", reports.toString())
                .build());
    return root.getChildren().iterator().next();
  }

  private String variantIdOf(String name) {
    TestDescriptor root =
        discover(
            org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(TwoZonesFixture.class))
                .build());
    return root.getDescendants().stream()
        .filter(d -> d.getDisplayName().equals(name))
        .findFirst()
        .orElseThrow()
        .getUniqueId()
        .getLastSegment()
        .getValue();
  }

  /**
   * Discovery alone (EngineTestKit.discover came in JUnit 5.11; this module builds against 5.10).
   */
  private static TestDescriptor discover(org.junit.platform.engine.EngineDiscoveryRequest request) {
    return new ContainerMatrixTestEngine()
        .discover(
            request,
            org.junit.platform.engine.UniqueId.forEngine(ContainerMatrixTestEngine.ENGINE_ID));
  }
}
