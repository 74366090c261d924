package dev.containermatrix.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A layer image's chain labels: what a commit records, and what the retention reads back. */
class LayerChainTest {
  private static final Path STORE = Path.of("/home/user/.cache/containermatrix/layers/sha256");
  private static final Map<String, String> ROOT =
      Map.of(ContainerLayout.LAYERS_LABEL, LayerChain.ROOT);

  @Test
  void aChainOfTenLayersIsALabelOf169CharactersAndReadsBackBottomFirst() {
    Map<String, String> labels = ROOT;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String name = hex(i);
      ids.add(name.substring(0, 16));
      labels = withKey(LayerChain.labelsOf(labels, STORE.resolve(name)));
    }

    assertThat(labels.get(ContainerLayout.LAYER_CHAIN_LABEL)).hasSize(10 * 17 - 1);
    assertThat(labels.get(ContainerLayout.LAYER_STORE_LABEL)).isEqualTo(STORE.toString());
    assertThat(LayerChain.from(labels)).contains(new LayerChain(STORE, ids));
  }

  @Test
  void aLayerOutsideALayerStoreRecordsNoChainOverridingTheParents() {
    Map<String, String> parent = withKey(LayerChain.labelsOf(ROOT, STORE.resolve(hex(1))));

    Map<String, String> labels = LayerChain.labelsOf(parent, Path.of("/work/target/classes"));

    assertThat(labels)
        .containsEntry(ContainerLayout.LAYER_CHAIN_LABEL, "")
        .containsEntry(ContainerLayout.LAYER_STORE_LABEL, "");
    assertThat(LayerChain.from(labels)).isEmpty();
  }

  @Test
  void aLayerInAnotherStoreThanItsParentsRecordsNoChain() {
    Map<String, String> parent = withKey(LayerChain.labelsOf(ROOT, STORE.resolve(hex(1))));

    Map<String, String> labels =
        LayerChain.labelsOf(parent, Path.of("/tmp/other-store/layers/sha256", hex(2)));

    assertThat(LayerChain.from(labels)).isEmpty();
  }

  @Test
  void anImageOnAParentCommittedBeforeChainsRecordsNoChain() {
    Map<String, String> legacyParent = Map.of(ContainerLayout.LAYERS_LABEL, hex(9));

    assertThat(LayerChain.from(LayerChain.labelsOf(legacyParent, STORE.resolve(hex(1))))).isEmpty();
  }

  @Test
  void malformedChainLabelsRecordNoChain() {
    assertThat(LayerChain.from(labels("relative/store", "0123456789abcdef"))).isEmpty();
    assertThat(LayerChain.from(labels(STORE.toString(), "0123456789ABCDEF"))).isEmpty();
    assertThat(LayerChain.from(labels(STORE.toString(), "0123456789abcdef,"))).isEmpty();
    assertThat(LayerChain.from(labels(STORE.toString(), "../../etc"))).isEmpty();
    assertThat(LayerChain.from(labels(STORE.toString(), ""))).isEmpty();
    assertThat(LayerChain.from(Map.of())).isEmpty();
  }

  private static Map<String, String> labels(String store, String chain) {
    return Map.of(
        ContainerLayout.LAYER_STORE_LABEL, store, ContainerLayout.LAYER_CHAIN_LABEL, chain);
  }

  /** The labels as the commit writes them: with its own key, as a parent's would be. */
  private static Map<String, String> withKey(Map<String, String> chainLabels) {
    Map<String, String> labels = new HashMap<>(chainLabels);
    labels.put(ContainerLayout.LAYERS_LABEL, "key");
    return labels;
  }

  private static String hex(int i) {
    return String.format("%016x", 0xabc0L + i).repeat(4);
  }
}
