package dev.containermatrix.backend.image;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which scheme a registry is spoken to with, and which URLs may be fetched at all: {@code https}
 * always, plain {@code http} only to a host every address of which is a loopback address. The
 * addresses decide, not the name: {@code localhost.example.com} or {@code 127.0.0.1.example.com}
 * gets no plain http unless it resolves to loopback. Applies to the registry itself, to the token
 * service its challenge names, and to every redirect.
 */
final class RegistryTransport {

  /**
   * Resolves a host name (or literal address) to its addresses; {@link InetAddress#getAllByName} by
   * default.
   */
  @FunctionalInterface
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  static final RegistryTransport SYSTEM = new RegistryTransport(InetAddress::getAllByName);

  private final Resolver resolver;

  RegistryTransport(Resolver resolver) {
    this.resolver = resolver;
  }

  /** {@code http} for a registry {@code host[:port]} on loopback, else {@code https}. */
  String schemeFor(String authority) throws ImageSourceException {
    String host = URI.create("http://" + authority).getHost();
    if (host == null) {
      throw new ImageSourceException(
          "The registry host \"" + authority + "\" is no host[:port]: correct the reference");
    }
    return isLoopback(resolve(host, "registry " + authority)) ? "http" : "https";
  }

  /**
   * Returns {@code uri} if it may be fetched: an {@code https} URL, or an {@code http} URL whose
   * host resolves to loopback addresses only.
   *
   * @param what what the URL is, for the message: "the token service of registry 127.0.0.1:5000"
   */
  URI check(URI uri, String what) throws ImageSourceException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      return uri;
    }
    if (!scheme.equals("http") || uri.getHost() == null) {
      throw new ImageSourceException(
          "Refusing "
              + uri
              + " ("
              + what
              + "): only http and https URLs with a host are"
              + " fetched; check the registry's configuration");
    }
    InetAddress[] addresses = resolve(uri.getHost(), what);
    if (!isLoopback(addresses)) {
      throw new ImageSourceException(
          "Refusing plain http to "
              + uri
              + " ("
              + what
              + "): "
              + uri.getHost()
              + " resolves to "
              + describe(addresses)
              + ", not to a loopback address, and credentials and images must not"
              + " cross a network unencrypted; use https, or a loopback address");
    }
    return uri;
  }

  private InetAddress[] resolve(String host, String what) throws ImageSourceException {
    try {
      InetAddress[] addresses = resolver.resolve(host);
      if (addresses.length == 0) {
        throw new UnknownHostException(host + " has no address");
      }
      return addresses;
    } catch (UnknownHostException e) {
      throw new ImageSourceException(
          "Cannot resolve " + host + " (" + what + "): " + e.getMessage() + "; check the name", e);
    }
  }

  private static boolean isLoopback(InetAddress[] addresses) {
    return Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
  }

  private static String describe(InetAddress[] addresses) {
    return Arrays.stream(addresses)
        .map(InetAddress::getHostAddress)
        .collect(Collectors.joining(", "));
  }
}
