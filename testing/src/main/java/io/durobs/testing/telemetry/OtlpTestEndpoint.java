package io.durobs.testing.telemetry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local TCP endpoint for OTLP exporters, on 127.0.0.1 and a free port, in one of two modes.
 *
 * <ul>
 *   <li>{@link Mode#ACCEPT}: an OTLP/HTTP receiver that reads each HTTP/1.1 request, counts it by
 *       path ({@code /v1/metrics}, {@code /v1/logs}) and answers 200 with an empty protobuf
 *       response (a valid {@code Export*ServiceResponse}); it decodes nothing else.</li>
 *   <li>{@link Mode#HANG}: accepts connections, records what the client sent first, and never
 *       answers: the "slow collector" that only the client's timeout ends.</li>
 * </ul>
 *
 * <p>In both modes the first line of every connection is recorded, which tells the protocol:
 * {@code POST /v1/metrics HTTP/1.1} for http/protobuf, the HTTP/2 preface {@code PRI * HTTP/2.0}
 * for grpc.
 */
public final class OtlpTestEndpoint implements AutoCloseable {

  public enum Mode { ACCEPT, HANG }

  private final ServerSocket server;
  private final Mode mode;
  private final Thread acceptor;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final List<String> firstLines = new CopyOnWriteArrayList<>();
  private final ConcurrentHashMap<String, AtomicInteger> posts = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private OtlpTestEndpoint(Mode mode, int port) throws IOException {
    this.mode = mode;
    this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "otlp-test-endpoint-" + mode);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static OtlpTestEndpoint start(Mode mode) throws IOException {
    return new OtlpTestEndpoint(mode, 0);
  }

  /** Starts on a given port (to bring a receiver "back up" where a dead one was). */
  public static OtlpTestEndpoint start(Mode mode, int port) throws IOException {
    return new OtlpTestEndpoint(mode, port);
  }

  /** A port on 127.0.0.1 that nothing listens on (the "collector down" case). */
  public static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port();
  }

  public List<String> firstLines() {
    return List.copyOf(firstLines);
  }

  public int posts(String path) {
    AtomicInteger n = posts.get(path);
    return n == null ? 0 : n.get();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        open.add(socket);
        Thread t = new Thread(() -> serve(socket), "otlp-test-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
      boolean first = true;
      while (!closed) {
        String requestLine = readLine(in);
        if (requestLine == null) {
          return;
        }
        if (first) {
          firstLines.add(requestLine);
          first = false;
        }
        if (mode == Mode.HANG || !requestLine.startsWith("POST ")) {
          in.transferTo(OutputStream.nullOutputStream()); // swallow until the client gives up
          return;
        }
        int length = 0;
        boolean chunked = false;
        for (String h = readLine(in); h != null && !h.isEmpty(); h = readLine(in)) {
          String lower = h.toLowerCase(java.util.Locale.ROOT);
          if (lower.startsWith("content-length:")) {
            length = Integer.parseInt(lower.substring(15).trim());
          } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
            chunked = true;
          }
        }
        if (chunked) {
          for (int size = Integer.parseInt(readLine(in).trim(), 16); size > 0;
              size = Integer.parseInt(readLine(in).trim(), 16)) {
            in.readNBytes(size + 2);
          }
          readLine(in);
        } else {
          in.readNBytes(length);
        }
        String path = requestLine.split(" ")[1];
        posts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/x-protobuf\r\n"
            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
    } catch (IOException | RuntimeException e) {
      // the client closed or timed out: nothing to do
    } finally {
      open.remove(socket);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1; b = in.read()) {
      if (b == '\n') {
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
