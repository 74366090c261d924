package dev.containermatrix.backend.testmains;

/** Prints {@code sleeping}, then sleeps for {@code args[0]} seconds (600 by default). */
public final class SleepMain {

  public static void main(String[] args) throws InterruptedException {
    System.out.println("sleeping");
    System.out.flush();
    Thread.sleep(1000L * (args.length > 0 ? Long.parseLong(args[0]) : 600));
  }
}
