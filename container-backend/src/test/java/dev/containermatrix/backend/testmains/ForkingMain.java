package dev.containermatrix.backend.testmains;

/** Starts {@code sleep 600} as a child, prints {@code child:<pid>}, then sleeps itself. */
public final class ForkingMain {

  public static void main(String[] args) throws Exception {
    Process child = new ProcessBuilder("sleep", "600").inheritIO().start();
    System.out.println("child:" + child.pid());
    System.out.flush();
    Thread.sleep(600_000);
  }
}
