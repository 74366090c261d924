package dev.containermatrix.backend.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/**
 * Plain http only to loopback, decided by the resolved addresses. Names that would need DNS are
 * resolved by a stand-in resolver, so nothing leaves this machine; literal addresses and {@code
 * localhost} (from /etc/hosts) go through the JDK's resolver.
 */
class RegistryTransportTest {

  /** Resolves the names of these tests without DNS: each name to the address it is given here. */
  private static final RegistryTransport NAMED =
      new RegistryTransport(
          host ->
              switch (host) {
                case "localhost.evil.example" -> new InetAddress[] {address(host, 192, 0, 2, 7)};
                case "registry.test" -> new InetAddress[] {address(host, 127, 0, 0, 9)};
                case "split.test" ->
                    new InetAddress[] {address(host, 127, 0, 0, 1), address(host, 192, 0, 2, 8)};
                default ->
                    throw new UnknownHostException(host + " is not one of this test's names");
              });

  @Test
  void loopbackRegistriesAreSpokenToOverHttpAndTheRestOverHttps() throws Exception {
    assertThat(RegistryTransport.SYSTEM.schemeFor("127.0.0.1:5000")).isEqualTo("http");
    assertThat(RegistryTransport.SYSTEM.schemeFor("localhost:5000")).isEqualTo("http");
    assertThat(RegistryTransport.SYSTEM.schemeFor("[::1]:5000")).isEqualTo("http");
    assertThat(RegistryTransport.SYSTEM.schemeFor("192.0.2.1:5000")).isEqualTo("https");
    assertThat(NAMED.schemeFor("registry.test:5000")).isEqualTo("http");
    assertThat(NAMED.schemeFor("localhost.evil.example:5000")).isEqualTo("https");
    assertThat(NAMED.schemeFor("split.test")).isEqualTo("https");
  }

  @Test
  void plainHttpToLoopbackAndHttpsToAnyHostArePassed() throws Exception {
    for (String url :
        new String[] {
          "http://127.0.0.1:5000/v2/",
          "http://localhost:5000/v2/",
          "http://[::1]/v2/",
          "http://127.0.0.2:8080/token"
        }) {
      assertThat(RegistryTransport.SYSTEM.check(URI.create(url), "a test"))
          .isEqualTo(URI.create(url));
    }
    assertThat(NAMED.check(URI.create("http://registry.test/v2/"), "a test"))
        .hasHost("registry.test");
    assertThat(NAMED.check(URI.create("https://nowhere.example/token"), "a test"))
        .hasHost("nowhere.example");
  }

  @Test
  void aNameThatSaysLocalhostButResolvesElsewhereGetsNoPlainHttp() {
    assertThatThrownBy(
            () -> NAMED.check(URI.create("http://localhost.evil.example:5000/v2/"), "registry x"))
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            "Refusing plain http to http://localhost.evil.example:5000/v2/ (registry x):"
                + " localhost.evil.example resolves to 192.0.2.7, not to a loopback address, and"
                + " credentials and images must not cross a network unencrypted; use https, or a"
                + " loopback address");
  }

  @Test
  void aNameWithOneAddressOffLoopbackGetsNoPlainHttp() {
    assertThatThrownBy(
            () ->
                NAMED.check(
                    URI.create("http://split.test/token"), "the token service of registry x"))
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            "Refusing plain http to http://split.test/token (the token service of registry x):"
                + " split.test resolves to 127.0.0.1, 192.0.2.8, not to a loopback address, and"
                + " credentials and images must not cross a network unencrypted; use https, or a"
                + " loopback address");
  }

  @Test
  void otherSchemesAreRefused() {
    assertThatThrownBy(
            () -> RegistryTransport.SYSTEM.check(URI.create("file:///etc/passwd"), "a redirect"))
        .isInstanceOf(ImageSourceException.class)
        .hasMessage(
            "Refusing file:///etc/passwd (a redirect): only http and https URLs with a host are"
                + " fetched; check the registry's configuration");
  }

  private static InetAddress address(String name, int a, int b, int c, int d)
      throws UnknownHostException {
    return InetAddress.getByAddress(name, new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
  }
}
