package io.durobs.toolkit.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports for servers started on this machine. */
public final class Ports {

  private Ports() {}

  /**
   * A port free on the loopback address right now (the OS picks it; another process may take it
   * before it is used, which the server's start then reports).
   *
   * @return the port
   * @throws UncheckedIOException if no port can be had
   */
  public static int free() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }
}
