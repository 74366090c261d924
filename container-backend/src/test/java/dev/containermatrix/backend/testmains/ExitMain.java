package dev.containermatrix.backend.testmains;

/** Exits with status {@code args[0]}. */
public final class ExitMain {

  public static void main(String[] args) {
    System.out.println("exiting with " + args[0]);
    System.exit(Integer.parseInt(args[0]));
  }
}
