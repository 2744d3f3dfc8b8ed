package io.durobs.toolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link Ports#free()}: never the same port twice in one JVM (a stack's servers are given their
 * ports before any of them binds, and the OS may offer a just-closed probe port again), and each
 * port bindable on the loopback address when handed out.
 */
class PortsTest {

  @Test
  void everyPortIsHandedOutOnceAndIsFree() throws Exception {
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      int port = Ports.free();
      assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
    }
    int port = Ports.free();
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(s.getLocalPort()).isEqualTo(port);
    }
  }
}
