package dev.containermatrix.backend.nativeruntime.probe;

/**
 * Prints {@link HostProbe#capabilities()} as {@code key=value} lines, for a probe run as another
 * user.
 */
public final class PrintCapabilitiesMain {

  public static void main(String[] args) throws InterruptedException {
    HostCapabilities capabilities = HostProbe.capabilities();
    System.out.println("uid=" + capabilities.effectiveUid().map(String::valueOf).orElse("unknown"));
    System.out.println("root=" + capabilities.root());
    System.out.println("rootless=" + capabilities.rootless());
    System.out.println("canRunNative=" + capabilities.canRunNative());
    System.out.println("canRunRootless=" + capabilities.canRunRootless());
    System.out.println("kernelRelease=" + capabilities.kernelRelease().orElse("unknown"));
    System.out.println(
        "utilLinux=" + capabilities.utilLinuxVersion().map(String::valueOf).orElse("none"));
    System.out.println("ipCommand=" + capabilities.ipCommand().map(String::valueOf).orElse("none"));
    System.out.println("userNamespaces=" + capabilities.userNamespaces());
    System.out.println("overlayInUserNamespace=" + capabilities.overlayInUserNamespace());
    capabilities.missing().forEach(sentence -> System.out.println("missing=" + sentence));
  }
}
