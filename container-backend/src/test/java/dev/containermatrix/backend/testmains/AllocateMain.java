package dev.containermatrix.backend.testmains;

/**
 * Allocates {@code args[0]} MiB on the heap, writing every page so that the kernel backs it, then
 * exits 0.
 */
public final class AllocateMain {

  public static void main(String[] args) {
    int mebibytes = Integer.parseInt(args[0]);
    // 256 KiB blocks: small enough not to be humongous objects, which waste G1 regions
    byte[][] blocks = new byte[mebibytes * 4][];
    for (int i = 0; i < blocks.length; i++) {
      blocks[i] = new byte[256 << 10];
      for (int page = 0; page < blocks[i].length; page += 4096) {
        blocks[i][page] = 1;
      }
    }
    System.out.println("allocated " + mebibytes + " MiB");
  }
}
