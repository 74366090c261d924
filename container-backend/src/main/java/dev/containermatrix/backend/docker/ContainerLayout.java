package dev.containermatrix.backend.docker;

/** Where a docker backend container keeps what is ours, and the labels that mark it ours. */
final class ContainerLayout {
  /** The agent's channel: the host's socket, bound here. */
  static final String CHANNEL = "/run/containermatrix/channel.sock";

  /** The JVM's argument file (classpath and options), put into the container before it starts. */
  static final String ARGFILE = "/run/containermatrix/java.args";

  /** Names the run a container or image belongs to. */
  static final String RUN_LABEL = "dev.containermatrix.run";

  /** Names the spec's container id. */
  static final String CONTAINER_LABEL = "dev.containermatrix.container";

  /**
   * Names the host JVM that created a container ({@code <pid>:<start>}), so the reaper can tell a
   * live run's containers from a dead one's.
   */
  static final String OWNER_LABEL = "dev.containermatrix.owner";

  /** Marks an image of layers, by the chain of layers it holds. */
  static final String LAYERS_LABEL = "dev.containermatrix.layers";

  /**
   * Names the layer-store directories of a layer image's chain, bottom first, each by the first
   * {@value LayerChain#ID_LENGTH} hex digits of its name, joined by {@code ,} (see {@link
   * LayerChain}); empty where the chain is unknown.
   */
  static final String LAYER_CHAIN_LABEL = "dev.containermatrix.layer-chain";

  /** Names the directory of a layer image's chain: the layer store's {@code layers/sha256}. */
  static final String LAYER_STORE_LABEL = "dev.containermatrix.layer-store";

  /** The repository of our layer images. */
  static final String LAYERS_REPOSITORY = "containermatrix/layers";

  private ContainerLayout() {}
}
