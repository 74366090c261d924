package dev.containermatrix.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containermatrix.backend.layers.LayerStore;
import dev.containermatrix.backend.layers.ReproducibleLayer;
import dev.containermatrix.backend.layers.StoredLayer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanIndexTest {
  @TempDir Path temp;

  @Test
  void aKeyIsTheSha256OfItsTextInHex() {
    assertThat(PlanIndex.key("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(PlanIndex.key("abd")).isNotEqualTo(PlanIndex.key("abc"));
  }

  @Test
  void aRememberedLayerIsFoundAgainByAnotherIndexOnTheSameStore() throws Exception {
    LayerStore store = LayerStore.open(temp.resolve("store"));
    StoredLayer layer =
        store.put(ReproducibleLayer.builder().addFile("a.txt", "a".getBytes(), false).build());

    new PlanIndex(store, "jdk").remember(PlanIndex.key("home"), layer);

    assertThat(
            new PlanIndex(LayerStore.open(temp.resolve("store")), "jdk")
                .find(PlanIndex.key("home")))
        .hasValueSatisfying(
            found -> {
              assertThat(found.digest()).isEqualTo(layer.digest());
              assertThat(found.directory()).isEqualTo(layer.directory());
            });
  }

  @Test
  void anUnknownKeyOrAnotherKindFindsNothing() throws Exception {
    LayerStore store = LayerStore.open(temp.resolve("store"));
    StoredLayer layer =
        store.put(ReproducibleLayer.builder().addFile("a.txt", "a".getBytes(), false).build());
    new PlanIndex(store, "jdk").remember(PlanIndex.key("home"), layer);

    assertThat(new PlanIndex(store, "jdk").find(PlanIndex.key("other home"))).isEmpty();
    assertThat(new PlanIndex(store, "class-data").find(PlanIndex.key("home"))).isEmpty();
  }

  @Test
  void rememberingAKeyAgainReplacesItsLayer() throws Exception {
    LayerStore store = LayerStore.open(temp.resolve("store"));
    StoredLayer first =
        store.put(ReproducibleLayer.builder().addFile("a.txt", "a".getBytes(), false).build());
    StoredLayer second =
        store.put(ReproducibleLayer.builder().addFile("b.txt", "b".getBytes(), false).build());
    PlanIndex index = new PlanIndex(store, "jdk");

    index.remember("k", first);
    index.remember("k", second);

    assertThat(index.find("k")).map(StoredLayer::digest).hasValue(second.digest());
  }

  @Test
  void anEntryWhoseLayerLeftTheStoreFindsNothing() throws Exception {
    LayerStore store = LayerStore.open(temp.resolve("store"));
    StoredLayer layer =
        store.put(ReproducibleLayer.builder().addFile("a.txt", "a".getBytes(), false).build());
    PlanIndex index = new PlanIndex(store, "jdk");
    index.remember("k", layer);

    store.retain(java.time.Duration.ZERO);

    assertThat(index.find("k")).isEmpty();
  }
}
