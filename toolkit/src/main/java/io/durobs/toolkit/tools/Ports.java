package io.durobs.toolkit.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Free loopback ports for servers started on this machine. */
public final class Ports {

  /**
   * Every port handed out by this JVM. The OS may offer the same ephemeral port again as soon as
   * the probe socket closes, before the server it was meant for binds it, so two servers of one
   * stack would be given the same port; a port is therefore handed out once per JVM.
   */
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
  private static final int ATTEMPTS = 100;

  private Ports() {}

  /**
   * A port free on the loopback address right now and not handed out before by this JVM (the OS
   * picks it; another process may take it before it is used, which the server's start then
   * reports).
   *
   * @return the port
   * @throws UncheckedIOException if no port can be had
   */
  public static int free() {
    for (int i = 0; i < ATTEMPTS; i++) {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        s.setReuseAddress(true);
        port = s.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException("no free loopback port", e);
      }
      if (HANDED_OUT.add(port)) {
        return port;
      }
    }
    throw new UncheckedIOException(new IOException("no loopback port this JVM has not handed out"
        + " already, after " + ATTEMPTS + " tries"));
  }
}
