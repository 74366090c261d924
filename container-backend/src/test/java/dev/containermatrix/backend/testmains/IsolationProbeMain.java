package dev.containermatrix.backend.testmains;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.stream.Collectors;

/**
 * Prints what a container sees of its host, one {@code key:value} line each. Argument 0 is a TCP
 * port the host listens on at 127.0.0.1; argument 1 a host path that must not be visible.
 */
public final class IsolationProbeMain {
  private IsolationProbeMain() {}

  public static void main(String[] args) throws Exception {
    System.out.println("pid:" + ProcessHandle.current().pid());
    System.out.println("processes:" + ProcessHandle.allProcesses().count());
    System.out.println(
        "hostname:" + Files.readString(Path.of("/proc/sys/kernel/hostname")).strip());
    System.out.println("etc-hostname:" + Files.readString(Path.of("/etc/hostname")).strip());
    System.out.println(
        "interfaces:"
            + Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .map(i -> i.getName() + (isUp(i) ? "+up" : ""))
                .sorted()
                .collect(Collectors.joining(",")));
    System.out.println("host-port:" + connect(Integer.parseInt(args[0])));
    System.out.println("host-path-visible:" + Files.exists(Path.of(args[1])));
    System.out.println("root-home-visible:" + Files.exists(Path.of("/root/.m2")));
    Files.writeString(Path.of("written-by-container.txt"), "x");
    Files.writeString(Path.of("/tmp/written-by-container.txt"), "x");
    System.out.println("wrote:yes");
    System.out.println("processors:" + Runtime.getRuntime().availableProcessors());
    System.out.println("maxHeap:" + Runtime.getRuntime().maxMemory());
    System.out.println(
        "dev:"
            + Files.list(Path.of("/dev"))
                .map(p -> p.getFileName().toString())
                .sorted()
                .collect(Collectors.joining(",")));
  }

  private static boolean isUp(NetworkInterface i) {
    try {
      return i.isUp();
    } catch (IOException e) {
      return false;
    }
  }

  private static String connect(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      return "connected";
    } catch (IOException e) {
      return "refused";
    }
  }
}
